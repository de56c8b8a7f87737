using System.Net;
using static Im.Edge.Tests.Auth.AuthClient;

namespace Im.Edge.Tests.Auth;

public sealed class OriginCheckTests(AuthHostFixture fixture) : IClassFixture<AuthHostFixture>
{
    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("http://localhost:5081")]
    [InlineData("https://localhost:5080")]
    [InlineData("null")]
    [InlineData("not a url")]
    public async Task AHubRequestFromAnOriginNotAllowedGets403ForbiddenOrigin(string origin)
    {
        using var response = await HubRequestAsync(origin);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("forbidden_origin", await ProblemCodeAsync(response));
    }

    [Theory]
    [InlineData("http://localhost:5080")]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("HTTP://LocalHost:5080")]
    [InlineData(AuthHostFixture.ExtraOrigin)]
    [InlineData("https://app.example.org:443")]
    [InlineData("http://localhost")]
    [InlineData(null)]
    public async Task AHubRequestFromAnAllowedSameOrNoOriginPassesTheCheck(string? origin)
    {
        using var response = await HubRequestAsync(origin);

        // No hub is mapped here: passing the check means reaching the stages behind it.
        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task RestRequestsAreNotOriginChecked()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/me", UriKind.Relative));
        request.Headers.Add("Origin", "https://evil.example");

        using var response = await fixture.Client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    // The test server answers as http://localhost, so "http://localhost" is the same origin.
    private async Task<HttpResponseMessage> HubRequestAsync(string? origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/hubs/anything", UriKind.Relative));
        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }

        return await fixture.Client.SendAsync(request, Cancel);
    }
}
