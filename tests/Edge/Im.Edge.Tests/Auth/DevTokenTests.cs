using System.Net;
using System.Text;
using Im.Actors;
using Im.Domain.Members;
using Im.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Im.Edge.Tests.Auth.AuthClient;

namespace Im.Edge.Tests.Auth;

public sealed class DevTokenTests(AuthHostFixture fixture) : IClassFixture<AuthHostFixture>, IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"im-auth-{Guid.NewGuid():N}");

    public static TheoryData<string> InvalidBodies => new()
    {
        """{"memberId":"","displayName":"A"}""",
        """{"displayName":"A"}""",
        """{"memberId":"has space","displayName":"A"}""",
        $$"""{"memberId":"{{new string('m', 65)}}","displayName":"A"}""",
        """{"memberId":"dev-invalid","displayName":"   "}""",
        $$"""{"memberId":"dev-invalid","displayName":"{{new string('n', 65)}}"}""",
        """{"memberId":"dev-invalid","displayName":"A","orgId":"bad org"}""",
        """{"memberId":"dev-invalid","displayName":"A","roles":["Admin"]}""",
        """{"memberId":"dev-invalid","displayName":"A","roles":[""]}""",
        $$"""{"memberId":"dev-invalid","displayName":"A","roles":["{{new string('r', 33)}}"]}""",
        """{"memberId":"dev-invalid","displayName":"A","roles":["r0","r1","r2","r3","r4","r5","r6","r7","r8","r9","r10"]}""",
        """{"memberId":"dev-invalid","displayName":"A","roles":"admin"}""",
        """{"memberId":"dev-invalid","displayName":"A",""",
        "null",
        "",
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task InvalidInputGets400InvalidAndCreatesNothing(string body)
    {
        using var response = await fixture.Client.PostAsync(
            new Uri("/api/dev/token", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid", await ProblemCodeAsync(response));
        Assert.Null(await Member("dev-invalid").GetAsync().DefaultTimeout());
    }

    [Fact]
    public async Task ABodyThatIsNotJsonGets400Invalid()
    {
        using var response = await fixture.Client.PostAsync(
            new Uri("/api/dev/token", UriKind.Relative), new StringContent("memberId=x", Encoding.UTF8, "application/x-www-form-urlencoded"), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid", await ProblemCodeAsync(response));
    }

    [Fact]
    public async Task ItCreatesTheMemberAndUpdatesItOnTheNextCall()
    {
        await DevTokenAsync(fixture.Client, "dev-carl", "member");
        var created = await Member("dev-carl").GetAsync().DefaultTimeout();
        await DevTokenAsync(fixture.Client, "dev-carl", "member", "hall.staff");
        var updated = await Member("dev-carl").GetAsync().DefaultTimeout();

        Assert.Equal("DEV-CARL", created?.DisplayName);
        Assert.Equal(["member"], created?.Roles);
        Assert.Equal(["hall.staff", "member"], updated?.Roles);
    }

    [Fact]
    public async Task ADisabledMemberGets403UnauthorizedAndIsLeftAsItWas()
    {
        await DevTokenAsync(fixture.Client, "dev-dora", "member");
        await Member("dev-dora").SetDisabledAsync(true).DefaultTimeout();

        using var response = await fixture.Client.PostAsync(
            new Uri("/api/dev/token", UriKind.Relative),
            new StringContent("""{"memberId":"dev-dora","displayName":"Someone Else","roles":["admin"]}""", Encoding.UTF8, "application/json"),
            Cancel);
        var profile = await Member("dev-dora").GetAsync().DefaultTimeout();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("unauthorized", await ProblemCodeAsync(response));
        Assert.Equal("DEV-DORA", profile?.DisplayName);
        Assert.Equal(["member"], profile?.Roles);
    }

    [Fact]
    public async Task TheEndpointIsAbsentWhenTurnedOff()
    {
        await using var host = new EdgeHost(AuthSettings.For(_dataDirectory, AuthSettings.NewKey(), devTokenEndpoint: false));
        using var client = host.CreateClient();

        using var response = await client.PostAsync(
            new Uri("/api/dev/token", UriKind.Relative),
            new StringContent("""{"memberId":"dev-off","displayName":"Off"}""", Encoding.UTF8, "application/json"),
            Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private IMemberGrain Member(string memberId) => fixture.Host.Services.GetRequiredService<IGrainFactory>().GetGrain<IMemberGrain>(memberId);
}
