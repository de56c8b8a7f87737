using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Im.Edge.Sockets;
using Im.Edge.Tests.Chat;
using Im.Testing;
using Im.Testing.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace Im.Edge.Tests.Sockets;

/// <summary>
/// The member hub's direct WebSocket path (<see cref="HubUpgradeMiddleware"/>) on a real
/// Kestrel port: which requests it takes, which it leaves to the HTTP pipeline, and that
/// SignalR's keep-alive and client timeout still run on it. Each test has its own server, so
/// its count of direct connections is its own.
/// </summary>
public sealed class DirectHubPathTests
{
    private static readonly Dictionary<string, string?> FastHeartbeat = new()
    {
        ["Hubs:KeepAliveInterval"] = "00:00:01",
        ["Hubs:ClientTimeoutInterval"] = "00:00:03",
    };

    [Fact]
    public async Task MembersChatOverTheDirectPath()
    {
        await using var server = await StartAsync();
        await using var alice = await server.ConnectAsync("alice");
        await using var bob = await server.ConnectAsync("bob");
        Assert.Equal(2, DirectConnections(server));

        var conversation = (string)(await alice.InvokeAsync("openDirect", "bob"))!["conversationId"]!;
        await bob.InvokeAsync("getConversations");
        var receipt = await alice.InvokeAsync("sendMessage", new { conversationId = conversation, clientMsgId = "m1", text = "hello" });

        var message = await bob.NextEventAsync<JsonNode>("message", TestContext.Current.CancellationToken).DefaultTimeout();
        Assert.Equal("hello", (string)message["text"]!);
        Assert.Equal((long)receipt!["seq"]!, (long)message["seq"]!);
    }

    [Fact]
    public async Task AClientThatNegotiatedFirstAlsoTakesTheDirectPath()
    {
        await using var server = await StartAsync();
        var token = await server.TokenAsync("carol");
        var negotiation = await NegotiateAsync(server, token);

        await using var carol = await HubClient.ConnectAsync(new Uri($"{server.HubUrl}?id={negotiation["connectionToken"]}"), token, cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotNull(await carol.InvokeAsync("getConversations"));
        Assert.Equal(1, DirectConnections(server));
    }

    [Fact]
    public async Task LongPollingIsStillServedBySignalRsOwnTransport()
    {
        await using var server = await StartAsync();
        var token = await server.TokenAsync("dave");
        var connectionToken = (string)(await NegotiateAsync(server, token))["connectionToken"]!;
        var url = $"/hubs/im?id={connectionToken}";

        // As a long-polling client does: the first poll opens the connection and answers at
        // once, empty; the handshake is posted; the next poll carries the handshake's answer.
        Assert.Equal(string.Empty, await PollAsync(server, url, token));
        using var handshake = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent("{\"protocol\":\"json\",\"version\":1}\u001e") };
        handshake.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var sent = await server.Http.SendAsync(handshake, TestContext.Current.CancellationToken);
        sent.EnsureSuccessStatusCode();

        Assert.StartsWith("{}\u001e", await PollAsync(server, url, token), StringComparison.Ordinal);
        Assert.Equal(0, DirectConnections(server));
    }

    [Theory]
    [InlineData("https://evil.example", null, HttpStatusCode.Forbidden)]
    [InlineData(null, "not-a-token", HttpStatusCode.Unauthorized)]
    [InlineData(null, "", HttpStatusCode.Unauthorized)]
    public async Task RefusedUpgradesAreAnsweredByTheHttpPipelineWithTheirUsualStatus(string? origin, string? badToken, HttpStatusCode expected)
    {
        await using var server = await StartAsync();
        var token = badToken ?? await server.TokenAsync("erin");
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri($"{server.HubUrl}?access_token={token}"), TestContext.Current.CancellationToken));
        Assert.Equal(expected, socket.HttpStatusCode);
        Assert.Equal(0, DirectConnections(server));
    }

    [Fact]
    public async Task AnIdleConnectionGetsTheHubsKeepAlivePings()
    {
        await using var server = await StartAsync();
        using var socket = await RawHandshakeAsync(server, "frank");

        // Nothing is sent after the handshake: the first record is the server's ping.
        var record = await NextRecordAsync(socket).DefaultTimeout();
        Assert.Equal(6, (int)JsonNode.Parse(record)!["type"]!);
    }

    [Fact]
    public async Task AClientThatFallsSilentIsClosedAfterTheClientTimeout()
    {
        await using var server = await StartAsync();
        using var socket = await RawHandshakeAsync(server, "grace");

        // SignalR arms the client timeout at a client's first ping; then this client falls
        // silent, and after the timeout the server sends its close message and closes.
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"type\":6}\u001e"), WebSocketMessageType.Text, endOfMessage: true, TestContext.Current.CancellationToken);
        Assert.Equal(7, await NextTypeAfterPingsAsync(socket));
        var buffer = new byte[64];
        var end = await socket.ReceiveAsync(buffer, TestContext.Current.CancellationToken).DefaultTimeout();
        Assert.Equal(WebSocketMessageType.Close, end.MessageType);
    }

    [Fact]
    public async Task AServerThatStopsClosesDirectConnectionsWithACloseMessage()
    {
        var server = await StartAsync();
        using var socket = await RawHandshakeAsync(server, "heidi");

        var stopping = server.DisposeAsync().AsTask();
        Assert.Equal(7, await NextTypeAfterPingsAsync(socket));
        await stopping.DefaultTimeout();
    }

    private static async Task<ChatServer> StartAsync()
    {
        var server = new ChatServer(FastHeartbeat);
        await server.InitializeAsync();
        return server;
    }

    private static int DirectConnections(ChatServer server) => server.Services.GetRequiredService<HubSocketHeartbeat>().Count;

    private static async Task<JsonNode> NegotiateAsync(ChatServer server, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hubs/im/negotiate?negotiateVersion=1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await server.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    private static async Task<string> PollAsync(ChatServer server, string url, string token)
    {
        using var poll = new HttpRequestMessage(HttpMethod.Get, url);
        poll.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var answer = await server.Http.SendAsync(poll, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<ClientWebSocket> RawHandshakeAsync(ChatServer server, string memberId)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        await socket.ConnectAsync(new Uri($"{server.HubUrl}?access_token={await server.TokenAsync(memberId)}"), CancellationToken.None);
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e"), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        Assert.Equal("{}", await NextRecordAsync(socket).DefaultTimeout());
        return socket;
    }

    // The type of the first record that is not a keep-alive ping.
    private static async Task<int> NextTypeAfterPingsAsync(ClientWebSocket socket)
    {
        while (true)
        {
            var type = (int)JsonNode.Parse(await NextRecordAsync(socket).DefaultTimeout())!["type"]!;
            if (type != 6)
            {
                return type;
            }
        }
    }

    // One record per WebSocket message, as the server writes them.
    private static async Task<string> NextRecordAsync(ClientWebSocket socket)
    {
        var buffer = new byte[4096];
        var text = new StringBuilder();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, CancellationToken.None);
            text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
        }
        while (!result.EndOfMessage);

        return text.ToString().TrimEnd('\u001e');
    }
}
