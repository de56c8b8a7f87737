using System.Text.Json.Nodes;
using Im.Domain.Chat;
using Im.Testing.SignalR;
using static Im.Edge.Tests.Chat.ChatCalls;

namespace Im.Edge.Tests.Chat;

/// <summary>Searches through the hub, on the server as configured: these conversations are small, so they are read from history.</summary>
public sealed class SearchHubTests(ChatServer server) : SearchHubBehaviour(server), IClassFixture<ChatServer>;

/// <summary>The same searches on a server that looks every query of 3+ characters up in search.db.</summary>
public sealed class SearchHubLookupTests(SearchHubLookupTests.LookupServer fixture) : SearchHubBehaviour(fixture.Server), IClassFixture<SearchHubLookupTests.LookupServer>
{
    public sealed class LookupServer : IAsyncLifetime
    {
        public ChatServer Server { get; } = new(new Dictionary<string, string?> { ["Storage:SearchReadAtMost"] = "0" });

        public ValueTask InitializeAsync() => Server.InitializeAsync();

        public ValueTask DisposeAsync() => Server.DisposeAsync();
    }
}

public abstract class SearchHubBehaviour(ChatServer server)
{
    [Fact]
    public async Task ChineseIsFoundByLongAndShortQueriesOnlyInTheCallersConversations()
    {
        var (ann, bob, eve, carol) = (Unique("ann"), Unique("bob"), Unique("eve"), Unique("carol"));
        await server.TokenAsync(bob);
        await server.TokenAsync(carol);
        await using var annClient = await server.ConnectAsync(ann);
        await using var eveClient = await server.ConnectAsync(eve);
        var annBob = await OpenAsync(annClient, bob);
        var eveCarol = await OpenAsync(eveClient, carol);
        await SendAsync(annClient, annBob, "s1", "明天下午三点工会开会");
        await SendAsync(annClient, annBob, "s2", "收到");
        await SendAsync(eveClient, eveCarol, "s3", "工会的秘密会议");

        var byLong = await SearchAsync(annClient, new { query = "工会开会" });
        var byTwo = await SearchAsync(annClient, new { query = "工会" });
        var byOne = await SearchAsync(annClient, new { query = "会" });
        var eveSees = await SearchAsync(eveClient, new { query = "工会" });

        Assert.Equal([(annBob, 1L)], byLong.Select(Hit));
        Assert.Equal([(annBob, 1L)], byTwo.Select(Hit));
        Assert.Equal([(annBob, 1L)], byOne.Select(Hit));
        Assert.Equal([(eveCarol, 1L)], eveSees.Select(Hit));
        Assert.Equal((ann, "明天下午三点工会开会"), ((string)byLong[0]!["senderId"]!, (string)byLong[0]!["snippet"]!));
        Assert.NotNull(byLong[0]!["sentAt"]);
    }

    [Fact]
    public async Task EnglishIsFoundWhateverTheCase()
    {
        var (ann, bob) = (Unique("ann"), Unique("bob"));
        await server.TokenAsync(bob);
        await using var annClient = await server.ConnectAsync(ann);
        var conversation = await OpenAsync(annClient, bob);
        await SendAsync(annClient, conversation, "e1", "Union Meeting at NOON");

        Assert.Equal([(conversation, 1L)], (await SearchAsync(annClient, new { query = "union meeting" })).Select(Hit));
        Assert.Equal([(conversation, 1L)], (await SearchAsync(annClient, new { query = "NoOn", conversationId = conversation })).Select(Hit));
    }

    [Fact]
    public async Task SearchRefusesOtherConversationsAndBadQueries()
    {
        var (ann, bob, eve) = (Unique("ann"), Unique("bob"), Unique("eve"));
        await server.TokenAsync(bob);
        await using var annClient = await server.ConnectAsync(ann);
        await using var eveClient = await server.ConnectAsync(eve);
        var conversation = await OpenAsync(annClient, bob);
        await SendAsync(annClient, conversation, "p1", "private plans");

        var outsider = await Assert.ThrowsAsync<HubInvocationException>(() => eveClient.InvokeAsync("searchMessages", new { query = "plans", conversationId = conversation }));
        var empty = await Assert.ThrowsAsync<HubInvocationException>(() => annClient.InvokeAsync("searchMessages", new { query = " " }));
        var tooLong = await Assert.ThrowsAsync<HubInvocationException>(() => annClient.InvokeAsync("searchMessages", new { query = new string('x', 101) }));

        Assert.Equal(("not_member", "invalid", "invalid"), (outsider.Code, empty.Code, tooLong.Code));
        Assert.Empty(await SearchAsync(eveClient, new { query = "plans" }));
    }

    private static (string, long) Hit(JsonNode? hit) => ((string)hit!["conversationId"]!, (long)hit["seq"]!);

    private static async Task<JsonArray> SearchAsync(HubClient client, object request) =>
        (JsonArray)(await client.InvokeAsync("searchMessages", request))!["hits"]!;

    private static async Task<string> OpenAsync(HubClient client, string peer) =>
        (string)(await client.InvokeAsync("openDirect", peer))!["conversationId"]!;

    private static Task<SendReceipt> SendAsync(HubClient client, string conversationId, string clientMsgId, string text) =>
        client.InvokeAsync<SendReceipt>("sendMessage", new { conversationId, clientMsgId, text });
}
