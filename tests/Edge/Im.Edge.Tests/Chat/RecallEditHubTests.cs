using System.Text.Json.Nodes;
using Im.Testing;
using Im.Testing.SignalR;
using static Im.Edge.Tests.Chat.ChatCalls;

namespace Im.Edge.Tests.Chat;

public sealed class RecallEditHubTests(ChatServer server) : IClassFixture<ChatServer>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARecallReachesEveryoneOnlineAndHistoryKeepsTheTombstoneAtItsSeq()
    {
        var (owner, ann, bob) = (Unique("owner"), Unique("ann"), Unique("bob"));
        await using var ownerClient = await server.ConnectAsync(owner);
        await using var annClient = await server.ConnectAsync(ann);
        await using var bobClient = await server.ConnectAsync(bob);
        var group = await CreateGroupAsync(ownerClient, ann, bob);
        var seq = await SendAsync(annClient, group, "wrong chat", []);
        await SendAsync(ownerClient, group, "after", []);

        var recall = await annClient.InvokeAsync("recallMessage", new { conversationId = group, seq });

        Assert.Equal((group, seq, ann), ((string)recall!["conversationId"]!, (long)recall["seq"]!, (string)recall["recalledBy"]!));
        foreach (var client in new[] { ownerClient, annClient, bobClient })
        {
            var pushed = await client.NextEventAsync<JsonNode>("messageRecalled", Cancellation).DefaultTimeout();
            Assert.Equal((group, seq, ann), ((string)pushed["conversationId"]!, (long)pushed["seq"]!, (string)pushed["recalledBy"]!));
            Assert.Equal((string)recall["recalledAt"]!, (string)pushed["recalledAt"]!);
        }

        var history = (await bobClient.InvokeAsync("getHistory", new { conversationId = group }))!["messages"]!.AsArray();
        Assert.Equal([1L, 2L], history.Select(m => (long)m!["seq"]!));
        Assert.Equal((true, ann, string.Empty), ((bool)history[0]!["recalled"]!, (string)history[0]!["recalledBy"]!, (string)history[0]!["text"]!));
        Assert.False((bool)history[1]!["recalled"]!);
    }

    [Fact]
    public async Task AnEditReachesEveryoneAsTheWholeMessageWithTheSameSeqAndANewVersion()
    {
        var (owner, ann, bob) = (Unique("owner"), Unique("ann"), Unique("bob"));
        await using var ownerClient = await server.ConnectAsync(owner);
        await using var annClient = await server.ConnectAsync(ann);
        await server.TokenAsync(bob);
        var group = await CreateGroupAsync(ownerClient, ann, bob);
        var seq = await SendAsync(annClient, group, "helo", []);

        var edited = await annClient.InvokeAsync("editMessage", new { conversationId = group, seq, text = "hello", mentions = new[] { owner } });
        var refusal = await Assert.ThrowsAsync<HubInvocationException>(() => ownerClient.InvokeAsync("editMessage", new { conversationId = group, seq, text = "not mine" }));

        Assert.Equal("forbidden", refusal.Code);
        Assert.Equal((seq, "hello", 1L, owner), ((long)edited!["seq"]!, (string)edited["text"]!, (long)edited["editVersion"]!, (string)edited["mentions"]![0]!));
        Assert.NotNull((string?)edited["editedAt"]);
        foreach (var client in new[] { ownerClient, annClient })
        {
            var pushed = await client.NextEventAsync<JsonNode>("messageEdited", Cancellation).DefaultTimeout();
            Assert.Equal(edited.ToJsonString(), pushed.ToJsonString());
        }

        var history = (await ownerClient.InvokeAsync("getHistory", new { conversationId = group }))!["messages"]!.AsArray();
        Assert.Equal(edited.ToJsonString(), Assert.Single(history)!.ToJsonString());
    }

    [Fact]
    public async Task AllIsForOwnersAndCountsAsAnUnreadMentionForEveryoneUntilMarkRead()
    {
        var (owner, ann, bob) = (Unique("owner"), Unique("ann"), Unique("bob"));
        await using var ownerClient = await server.ConnectAsync(owner);
        await using var annClient = await server.ConnectAsync(ann);
        await using var bobClient = await server.ConnectAsync(bob);
        var group = await CreateGroupAsync(ownerClient, ann, bob);

        var refusal = await Assert.ThrowsAsync<HubInvocationException>(() => SendAsync(annClient, group, "hey everyone", ["all"]));
        var all = await SendAsync(ownerClient, group, "meeting at 3", ["all"]);
        var direct = await SendAsync(annClient, group, "bob, you too", [bob]);
        await SendAsync(annClient, group, "no mention", []);

        Assert.Equal("forbidden", refusal.Code);
        Assert.Equal((2, direct), await MentionsAsync(bobClient, group));
        Assert.Equal((1, all), await MentionsAsync(annClient, group));
        Assert.Equal((0, 0L), await MentionsAsync(ownerClient, group));

        await bobClient.InvokeAsync("markRead", new { conversationId = group, seq = all });
        Assert.Equal((1, direct), await MentionsAsync(bobClient, group));
        await bobClient.InvokeAsync("markRead", new { conversationId = group, seq = direct + 1 });
        Assert.Equal((0, 0L), await MentionsAsync(bobClient, group));
    }

    private static async Task<(int Count, long LastSeq)> MentionsAsync(HubClient client, string conversationId)
    {
        var list = (await client.InvokeAsync("getConversations"))!.AsArray();
        var item = list.Single(c => (string)c!["conversationId"]! == conversationId)!;
        return ((int)item["mentionCount"]!, (long)item["lastMentionSeq"]!);
    }

    private static async Task<string> CreateGroupAsync(HubClient owner, params string[] memberIds) =>
        (string)(await owner.InvokeAsync("createGroup", new { title = "team", memberIds }))!["conversationId"]!;

    private static async Task<long> SendAsync(HubClient client, string conversationId, string text, string[] mentions) =>
        (long)(await client.InvokeAsync("sendMessage", new { conversationId, clientMsgId = Guid.NewGuid().ToString("N"), text, mentions }))!["seq"]!;
}
