using Im.Domain.Chat;
using Im.Testing;
using Im.Testing.SignalR;
using static Im.Edge.Tests.Chat.ChatCalls;

namespace Im.Edge.Tests.Chat;

public sealed class ReadReceiptHubTests(ChatServer server) : IClassFixture<ChatServer>
{
    [Fact]
    public async Task AReadOnOnePhoneReachesTheReadersLaptopAndThePeer()
    {
        var (ann, bob) = (Unique("ann"), Unique("bob"));
        await using var annPhone = await server.ConnectAsync(ann);
        await using var annLaptop = await server.ConnectAsync(ann);
        await using var bobClient = await server.ConnectAsync(bob);
        var conversation = (await annPhone.InvokeAsync<ConversationRefWire>("openDirect", bob)).ConversationId;
        await bobClient.InvokeAsync<SendReceipt>("sendMessage", new { conversationId = conversation, clientMsgId = "m1", text = "read me" });

        var position = await annPhone.InvokeAsync<ReadWire>("markRead", new { conversationId = conversation, seq = 1 });

        Assert.Equal(1, position.ReadSeq);
        var expected = new ReadWire(conversation, ann, 1);
        Assert.Equal(expected, await annLaptop.NextEventAsync<ReadWire>("read", TestContext.Current.CancellationToken).DefaultTimeout());
        Assert.Equal(expected, await bobClient.NextEventAsync<ReadWire>("read", TestContext.Current.CancellationToken).DefaultTimeout());
    }

    [Fact]
    public async Task AReadThatDoesNotMoveThePositionSendsNoSecondEvent()
    {
        var (ann, bob) = (Unique("ann"), Unique("bob"));
        await using var annClient = await server.ConnectAsync(ann);
        await using var bobClient = await server.ConnectAsync(bob);
        var conversation = (await annClient.InvokeAsync<ConversationRefWire>("openDirect", bob)).ConversationId;
        await annClient.InvokeAsync<SendReceipt>("sendMessage", new { conversationId = conversation, clientMsgId = "m1", text = "one" });
        await annClient.InvokeAsync<SendReceipt>("sendMessage", new { conversationId = conversation, clientMsgId = "m2", text = "two" });

        await annClient.InvokeAsync("markRead", new { conversationId = conversation, seq = 1 });
        await annClient.InvokeAsync("markRead", new { conversationId = conversation, seq = 1 });
        await annClient.InvokeAsync("markRead", new { conversationId = conversation, seq = 2 });

        // Receipts of one conversation arrive in order: a repeated one would come before seq 2.
        Assert.Equal(1, (await bobClient.NextEventAsync<ReadWire>("read", TestContext.Current.CancellationToken).DefaultTimeout()).ReadSeq);
        Assert.Equal(2, (await bobClient.NextEventAsync<ReadWire>("read", TestContext.Current.CancellationToken).DefaultTimeout()).ReadSeq);
    }

    [Fact]
    public async Task GetReadByListsWhoReadAndWhoDidNotInPagesByMemberId()
    {
        var members = Enumerable.Range(0, 5).Select(i => Unique($"r{i}")).ToList();
        await using var owner = await server.ConnectAsync(members[0]);
        await using var first = await server.ConnectAsync(members[1]);
        await using var second = await server.ConnectAsync(members[2]);
        await Task.WhenAll(members.Skip(3).Select(id => server.TokenAsync(id)));
        var group = (await owner.InvokeAsync<ConversationRefWire>("createGroup", new { title = "five", memberIds = members.Skip(1) })).ConversationId;
        for (var i = 1; i <= 3; i++)
        {
            await owner.InvokeAsync<SendReceipt>("sendMessage", new { conversationId = group, clientMsgId = $"m{i}", text = $"message {i}" });
        }

        await first.InvokeAsync("markRead", new { conversationId = group, seq = 3 });
        await second.InvokeAsync("markRead", new { conversationId = group, seq = 3 });

        var pages = new List<ReadByWire>();
        string? after = null;
        do
        {
            var page = await owner.InvokeAsync<ReadByWire>("getReadBy", new { conversationId = group, seq = 3, limit = 2, after });
            pages.Add(page);
            after = page.Next;
        }
        while (pages[^1].HasMore);

        Assert.Equal([2, 2, 1], pages.Select(p => p.ReadBy.Count + p.Unread.Count));
        Assert.Equal([true, true, false], pages.Select(p => p.HasMore));
        Assert.Equal(members.Skip(1).Take(2).Order(StringComparer.Ordinal), pages.SelectMany(p => p.ReadBy));
        Assert.Equal(members.Where((_, i) => i is 0 or 3 or 4).Order(StringComparer.Ordinal), pages.SelectMany(p => p.Unread).Order(StringComparer.Ordinal));
        Assert.Equal(members.Order(StringComparer.Ordinal), pages.SelectMany(p => p.ReadBy.Concat(p.Unread).Order(StringComparer.Ordinal)));
    }

    [Fact]
    public async Task ANonMemberCannotAskWhoReadAGroup()
    {
        var (ann, bob, eve) = (Unique("ann"), Unique("bob"), Unique("eve"));
        await using var annClient = await server.ConnectAsync(ann);
        await server.TokenAsync(bob);
        await using var eveClient = await server.ConnectAsync(eve);
        var group = (await annClient.InvokeAsync<ConversationRefWire>("createGroup", new { title = "closed", memberIds = new[] { bob } })).ConversationId;

        var refused = await Assert.ThrowsAsync<HubInvocationException>(() => eveClient.InvokeAsync("getReadBy", new { conversationId = group, seq = 1 }));

        Assert.Equal("not_member", refused.Code);
    }

    private sealed record ReadWire(string ConversationId, string? MemberId, long ReadSeq);

    private sealed record ReadByWire(List<string> ReadBy, List<string> Unread, bool HasMore, string? Next);
}
