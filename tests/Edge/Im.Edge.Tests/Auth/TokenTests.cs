using System.Net;
using System.Text.Json;
using Im.Actors;
using Im.Domain.Members;
using Im.Edge.Auth;
using Im.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using static Im.Edge.Tests.Auth.AuthClient;

namespace Im.Edge.Tests.Auth;

public sealed class TokenTests(AuthHostFixture fixture) : IClassFixture<AuthHostFixture>
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task ADevTokenOpensApiMeAndNoTokenGets401()
    {
        var token = await DevTokenAsync(Client, "tok-ann", "member");

        using var withToken = await GetMeAsync(Client, token);
        using var without = await GetMeAsync(Client, null);

        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        using var me = JsonDocument.Parse(await withToken.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("tok-ann", me.RootElement.GetProperty("memberId").GetString());
        Assert.Equal("TOK-ANN", me.RootElement.GetProperty("displayName").GetString());
        Assert.Equal("org-1", me.RootElement.GetProperty("orgId").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal("unauthorized", await ProblemCodeAsync(without));
        Assert.Contains("Bearer", without.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExpiredTokenGets401()
    {
        await DevTokenAsync(Client, "tok-expired");

        using var response = await GetMeAsync(Client, Mint(fixture.Key, "tok-expired", expiresIn: TimeSpan.FromMinutes(-5)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ATokenSignedWithAnotherKeyGets401()
    {
        await DevTokenAsync(Client, "tok-forged");

        using var forged = await GetMeAsync(Client, Mint(AuthSettings.NewKey(), "tok-forged"));
        using var genuine = await GetMeAsync(Client, Mint(fixture.Key, "tok-forged"));

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
    }

    [Fact]
    public async Task ATokenForAnotherAudienceOrIssuerGets401()
    {
        await DevTokenAsync(Client, "tok-aud");

        using var audience = await GetMeAsync(Client, Mint(fixture.Key, "tok-aud", audience: "someone-else"));
        using var issuer = await GetMeAsync(Client, Mint(fixture.Key, "tok-aud", issuer: "someone-else"));

        Assert.Equal(HttpStatusCode.Unauthorized, audience.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, issuer.StatusCode);
    }

    [Fact]
    public async Task AValidTokenOfAMemberThatDoesNotExistGets401()
    {
        using var response = await GetMeAsync(Client, Mint(fixture.Key, "tok-nobody"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(await fixture.Host.Services.GetRequiredService<IGrainFactory>().GetGrain<IMemberGrain>("tok-nobody").GetAsync().DefaultTimeout());
    }

    [Fact]
    public async Task ATokenRefusedBeforeItsMemberExistedWorksOnceTheMemberIsCreated()
    {
        var token = Mint(fixture.Key, "tok-late");
        using var before = await GetMeAsync(Client, token);
        await DevTokenAsync(Client, "tok-late");

        using var after = await GetMeAsync(Client, token);

        Assert.Equal(HttpStatusCode.Unauthorized, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task TheDevTokenCarriesTheContractClaims()
    {
        using var response = await Client.PostAsync(
            new Uri("/api/dev/token", UriKind.Relative),
            new StringContent("""{"memberId":"tok-claims","displayName":"  Claire  ","orgId":"org-7","roles":["hall.staff","admin"]}""", System.Text.Encoding.UTF8, "application/json"),
            Cancel);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        var jwt = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(body.RootElement.GetProperty("accessToken").GetString());
        var expiresAt = body.RootElement.GetProperty("expiresAt").GetDateTimeOffset();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("tok-claims", jwt.Subject);
        Assert.Equal("Claire", jwt.GetClaim("name").Value);
        Assert.Equal("org-7", jwt.GetClaim("org").Value);
        Assert.Equal(["admin", "hall.staff"], jwt.Claims.Where(c => c.Type == "role").Select(c => c.Value).Order());
        Assert.Equal("im", jwt.Issuer);
        Assert.Equal(["im-clients"], jwt.Audiences);
        Assert.False(string.IsNullOrEmpty(jwt.Id));
        Assert.Equal(expiresAt.UtcDateTime, jwt.ValidTo);
        Assert.InRange(jwt.ValidTo - jwt.IssuedAt, TimeSpan.FromHours(12) - TimeSpan.FromSeconds(1), TimeSpan.FromHours(12));
    }

    [Fact]
    public async Task TheQueryStringTokenIsAcceptedUnderHubsOnly()
    {
        var token = await DevTokenAsync(Client, "tok-query");

        var underHubs = await AuthenticateAsync("/hubs/im", token);
        var onApi = await AuthenticateAsync("/api/me", token);
        using var response = await Client.GetAsync(new Uri($"/api/me?access_token={token}", UriKind.Relative), Cancel);

        Assert.True(underHubs.Succeeded);
        Assert.Equal("tok-query", underHubs.Principal!.MemberId());
        Assert.Equal("tok-query", underHubs.Principal!.Identity!.Name);
        Assert.False(onApi.Succeeded);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task TheAuthenticatedPrincipalKeepsTheMemberClaimsAndNotTheToken()
    {
        using var issued = await Client.PostAsync(
            new Uri("/api/dev/token", UriKind.Relative),
            new StringContent("""{"memberId":"tok-slim","displayName":"Slim","orgId":"org-3","roles":["hall.staff","admin"]}""", System.Text.Encoding.UTF8, "application/json"),
            Cancel);
        using var body = JsonDocument.Parse(await issued.Content.ReadAsStringAsync(Cancel));

        var result = await AuthenticateAsync("/hubs/im", body.RootElement.GetProperty("accessToken").GetString()!);

        Assert.True(result.Succeeded);
        var principal = result.Principal!;
        Assert.Equal(
            ["name=Slim", "org=org-3", "role=admin", "role=hall.staff", "sub=tok-slim"],
            principal.Claims.Select(c => $"{c.Type}={c.Value}").Order(StringComparer.Ordinal));
        var identity = Assert.IsType<MemberIdentity>(Assert.Single(principal.Identities), exactMatch: true);
        Assert.True(identity.IsAuthenticated);
        Assert.Equal("tok-slim", identity.Name);
        Assert.True(principal.IsInRole("hall.staff"));
        Assert.True(principal.IsAdmin());
        Assert.Equal("org-3", principal.OrgId());
    }

    // No hub is mapped yet, so the handler is asked directly, as the hub endpoint would ask it.
    private async Task<AuthenticateResult> AuthenticateAsync(string path, string token)
    {
        await using var scope = fixture.Host.Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Path = path;
        context.Request.QueryString = QueryString.Create("access_token", token);
        return await context.AuthenticateAsync("Bearer");
    }
}
