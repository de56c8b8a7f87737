using Im.Testing.SignalR;
using static Im.Edge.Tests.Chat.ChatCalls;

namespace Im.Edge.Tests.Chat;

/// <summary>Recall and edit after their windows, over real connections: the sender is refused, an owner is not.</summary>
public sealed class RecallWindowHubTests(ClosedWindowChatServer fixture) : IClassFixture<ClosedWindowChatServer>
{
    private ChatServer Server => fixture.Server;

    [Fact]
    public async Task AfterTheWindowASenderMayNeitherRecallNorEditButTheGroupOwnerMayRecall()
    {
        var (owner, bob, eve) = (Unique("owner"), Unique("bob"), Unique("eve"));
        await using var ownerClient = await Server.ConnectAsync(owner);
        await using var bobClient = await Server.ConnectAsync(bob);
        await using var eveClient = await Server.ConnectAsync(eve);
        var group = (string)(await ownerClient.InvokeAsync("createGroup", new { title = "window", memberIds = new[] { bob } }))!["conversationId"]!;
        var seq = (long)(await bobClient.InvokeAsync("sendMessage", new { conversationId = group, clientMsgId = "late", text = "too late to take back" }))!["seq"]!;

        var bobRecall = await Assert.ThrowsAsync<HubInvocationException>(() => bobClient.InvokeAsync("recallMessage", new { conversationId = group, seq }));
        var bobEdit = await Assert.ThrowsAsync<HubInvocationException>(() => bobClient.InvokeAsync("editMessage", new { conversationId = group, seq, text = "changed" }));
        var eveRecall = await Assert.ThrowsAsync<HubInvocationException>(() => eveClient.InvokeAsync("recallMessage", new { conversationId = group, seq }));
        var unchanged = (await bobClient.InvokeAsync("getHistory", new { conversationId = group }))!["messages"]!.AsArray().Single()!;

        Assert.Equal(("forbidden", "forbidden", "not_member"), (bobRecall.Code, bobEdit.Code, eveRecall.Code));
        Assert.Equal(("too late to take back", false), ((string)unchanged["text"]!, (bool)unchanged["recalled"]!));

        var recall = await ownerClient.InvokeAsync("recallMessage", new { conversationId = group, seq });
        var tombstone = (await bobClient.InvokeAsync("getHistory", new { conversationId = group }))!["messages"]!.AsArray().Single()!;

        Assert.Equal(owner, (string)recall!["recalledBy"]!);
        Assert.Equal((true, string.Empty), ((bool)tombstone["recalled"]!, (string)tombstone["text"]!));
    }
}
