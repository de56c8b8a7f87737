using System.Net;
using Im.Edge.Connections;
using Microsoft.Extensions.DependencyInjection;
using static Im.Edge.Tests.Auth.AuthClient;

namespace Im.Edge.Tests.Auth;

public sealed class MemberAdminTests(AuthHostFixture fixture) : IClassFixture<AuthHostFixture>
{
    private HttpClient Client => fixture.Client;

    private MemberConnectionRegistry Registry => fixture.Host.Services.GetRequiredService<MemberConnectionRegistry>();

    [Fact]
    public async Task ADisabledMembersTokenGets401UntilTheMemberIsEnabledAgain()
    {
        var admin = await DevTokenAsync(Client, "adm-root", "admin");
        var member = await DevTokenAsync(Client, "adm-eve", "member");
        using var before = await GetMeAsync(Client, member);

        using var disabled = await SendAsync(Client, HttpMethod.Post, "/api/members/adm-eve/disable", admin);
        using var whileDisabled = await GetMeAsync(Client, member);
        using var enabled = await SendAsync(Client, HttpMethod.Post, "/api/members/adm-eve/enable", admin);
        using var after = await GetMeAsync(Client, member);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, whileDisabled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task OnlyAdminsMayDisableOrEnable()
    {
        var member = await DevTokenAsync(Client, "adm-mallory", "member", "hall.staff");
        await DevTokenAsync(Client, "adm-victim", "member");

        using var disable = await SendAsync(Client, HttpMethod.Post, "/api/members/adm-victim/disable", member);
        using var enable = await SendAsync(Client, HttpMethod.Post, "/api/members/adm-victim/enable", member);
        using var anonymous = await SendAsync(Client, HttpMethod.Post, "/api/members/adm-victim/disable", null);
        using var victim = await GetMeAsync(Client, await DevTokenAsync(Client, "adm-victim", "member"));

        Assert.Equal(HttpStatusCode.Forbidden, disable.StatusCode);
        Assert.Equal("forbidden", await ProblemCodeAsync(disable));
        Assert.Equal(HttpStatusCode.Forbidden, enable.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, victim.StatusCode);
    }

    [Fact]
    public async Task DisablingAnUnknownOrMalformedMemberIsRefused()
    {
        var admin = await DevTokenAsync(Client, "adm-root2", "admin");

        using var unknown = await SendAsync(Client, HttpMethod.Post, "/api/members/adm-nobody/disable", admin);
        using var malformed = await SendAsync(Client, HttpMethod.Post, "/api/members/bad%20id/disable", admin);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("not_found", await ProblemCodeAsync(unknown));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("invalid", await ProblemCodeAsync(malformed));
    }

    [Fact]
    public async Task DisablingClosesTheMembersLiveConnectionsAndRefusesNewOnes()
    {
        var admin = await DevTokenAsync(Client, "adm-root3", "admin");
        await DevTokenAsync(Client, "adm-frank", "member");
        await DevTokenAsync(Client, "adm-grace", "member");
        var aborted = new List<string>();

        Assert.True(await Registry.RegisterAsync("adm-frank", "c1", () => aborted.Add("c1")));
        Assert.True(await Registry.RegisterAsync("adm-frank", "c2", () => aborted.Add("c2")));
        Assert.True(await Registry.RegisterAsync("adm-grace", "c3", () => aborted.Add("c3")));
        using var response = await SendAsync(Client, HttpMethod.Post, "/api/members/adm-frank/disable", admin);
        var lateRegistration = await Registry.RegisterAsync("adm-frank", "c4", () => aborted.Add("c4"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(lateRegistration);
        Assert.Equal(["c1", "c2", "c4"], aborted.Order());
        Assert.Empty(Registry.ConnectionsOf("adm-frank"));
        Assert.Equal(["c3"], Registry.ConnectionsOf("adm-grace"));
    }

    [Fact]
    public async Task AnUnregisteredConnectionIsNotAbortedLater()
    {
        var admin = await DevTokenAsync(Client, "adm-root4", "admin");
        await DevTokenAsync(Client, "adm-heidi", "member");
        var aborted = false;

        Assert.True(await Registry.RegisterAsync("adm-heidi", "c1", () => aborted = true));
        Registry.Unregister("adm-heidi", "c1");
        using var response = await SendAsync(Client, HttpMethod.Post, "/api/members/adm-heidi/disable", admin);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(aborted);
    }
}
