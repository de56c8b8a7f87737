using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Im.Edge.Tests.Auth;
using Im.Testing;
using Im.Testing.SignalR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Im.Edge.Tests.Chat;

/// <summary>What the member hub refuses at the door, and how it shuts a disabled member out.</summary>
public sealed class ChatSecurityTests(ChatServer server) : IClassFixture<ChatServer>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnExpiredTokenIsRefusedAtTheHub()
    {
        var member = $"exp-{Guid.NewGuid():N}"[..16];
        await server.TokenAsync(member);
        var expired = AuthClient.Mint(Encoding.UTF8.GetBytes(ChatServer.SigningKey), member, expiresIn: TimeSpan.FromMinutes(-5));

        await Assert.ThrowsAnyAsync<Exception>(() => HubClient.ConnectAsync(server.HubUrl, expired, cancellationToken: Cancel));
    }

    [Fact]
    public void TheHubsEndpointsRequireAMemberThemselvesNotOnlyThroughTheFallbackPolicy()
    {
        // The hub is authorized once per connection, at these endpoints (negotiate, connect);
        // the fallback policy would hide a missing requirement from every request-level test.
        var hubEndpoints = server.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/hubs/im", StringComparison.Ordinal) == true)
            .ToList();

        Assert.Contains(hubEndpoints, e => e.RoutePattern.RawText == "/hubs/im/negotiate");
        Assert.Contains(hubEndpoints, e => e.RoutePattern.RawText == "/hubs/im");
        Assert.All(hubEndpoints, e => Assert.NotEmpty(e.Metadata.GetOrderedMetadata<IAuthorizeData>()));
    }

    [Fact]
    public async Task AWebSocketFromAnOriginOutsideTheAllowlistIsRefusedAndAnAllowedOneConnects()
    {
        var token = await server.TokenAsync($"org-{Guid.NewGuid():N}"[..16]);

        await Assert.ThrowsAnyAsync<Exception>(() => HubClient.ConnectAsync(server.HubUrl, token, origin: "http://evil.example", Cancel));
        await using var allowed = await HubClient.ConnectAsync(server.HubUrl, token, origin: "http://127.0.0.1:5080", Cancel);
        Assert.Empty(await allowed.InvokeAsync<List<object>>("getConversations"));
    }

    [Fact]
    public async Task DisablingAMemberClosesTheirLiveConnectionsAndRefusesNewOnes()
    {
        var member = $"dis-{Guid.NewGuid():N}"[..16];
        var memberToken = await server.TokenAsync(member);
        var adminToken = await server.TokenAsync($"adm-{Guid.NewGuid():N}"[..16], "admin");
        await using var phone = await HubClient.ConnectAsync(server.HubUrl, memberToken, cancellationToken: Cancel);
        await using var laptop = await HubClient.ConnectAsync(server.HubUrl, memberToken, cancellationToken: Cancel);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/members/{member}/disable");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        using var response = await server.Http.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await phone.Closed.DefaultTimeout();
        await laptop.Closed.DefaultTimeout();
        await Assert.ThrowsAnyAsync<Exception>(() => HubClient.ConnectAsync(server.HubUrl, memberToken, cancellationToken: Cancel));
    }
}
