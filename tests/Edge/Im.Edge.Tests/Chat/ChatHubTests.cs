using Im.Domain.Chat;
using Im.Testing;
using Im.Testing.SignalR;
using static Im.Edge.Tests.Chat.ChatCalls;

namespace Im.Edge.Tests.Chat;

public sealed class ChatHubTests(ChatServer server) : IClassFixture<ChatServer>
{
    [Fact]
    public async Task TwoMembersChatBothWaysEachOnTwoDevices()
    {
        var (ann, bob) = (Unique("ann"), Unique("bob"));
        await using var annPhone = await server.ConnectAsync(ann);
        await using var annLaptop = await server.ConnectAsync(ann);
        await using var bobPhone = await server.ConnectAsync(bob);
        await using var bobLaptop = await server.ConnectAsync(bob);

        var conversation = await annPhone.InvokeAsync<ConversationRefWire>("openDirect", bob);
        Assert.Equal(conversation.ConversationId, (await bobLaptop.InvokeAsync<ConversationRefWire>("openDirect", ann)).ConversationId);

        var first = await annPhone.InvokeAsync<SendReceipt>("sendMessage", Send(conversation.ConversationId, "m1", "hello bob"));
        var second = await bobLaptop.InvokeAsync<SendReceipt>("sendMessage", Send(conversation.ConversationId, "m2", "hi ann"));

        Assert.Equal((1, 2), (first.Seq, second.Seq));
        foreach (var device in new[] { annPhone, annLaptop, bobPhone, bobLaptop })
        {
            var one = await device.NextEventAsync<ChatMessage>("message", TestContext.Current.CancellationToken).DefaultTimeout();
            var two = await device.NextEventAsync<ChatMessage>("message", TestContext.Current.CancellationToken).DefaultTimeout();
            Assert.Equal(("hello bob", ann, 1L), (one.Text, one.SenderId, one.Seq));
            Assert.Equal(("hi ann", bob, 2L), (two.Text, two.SenderId, two.Seq));
        }
    }

    [Fact]
    public async Task TypingRightAfterAConversationOpensReachesThePeerBehindTheMessagesBeforeIt()
    {
        // The peer's connection joins the conversation's group in its lane, after openDirect
        // has answered: typing goes through the same lane, so it cannot overtake the join.
        for (var pair = 0; pair < 50; pair++)
        {
            var (ann, bob) = (Unique("ann"), Unique("bob"));
            await using var annClient = await server.ConnectAsync(ann);
            await using var bobClient = await server.ConnectAsync(bob);
            var conversation = (await annClient.InvokeAsync<ConversationRefWire>("openDirect", bob)).ConversationId;

            await annClient.InvokeAsync("typing", new { conversationId = conversation });
            await annClient.InvokeAsync<SendReceipt>("sendMessage", Send(conversation, "m1", "hello"));
            await annClient.InvokeAsync("typing", new { conversationId = conversation });

            var cancellation = TestContext.Current.CancellationToken;
            var seen = new List<string>();
            while (seen.Count < 3)
            {
                var received = await bobClient.Received.ReadAsync(cancellation).AsTask().DefaultTimeout();
                if (received.Target is "typing" or "message")
                {
                    seen.Add(received.Target == "typing" ? $"typing {received.Argument<TypingEventWire>().MemberId == ann}" : received.Argument<ChatMessage>().Text);
                }
            }

            Assert.Equal(["typing True", "hello", "typing True"], seen);
            Assert.False(annClient.Events("typing").TryRead(out _));
        }
    }

    [Fact]
    public async Task EveryOnlineMemberOfAGroupOf200GetsEveryMessageOnceInSeqOrder()
    {
        var members = Enumerable.Range(0, 200).Select(i => Unique($"g{i}")).ToList();
        var clients = await Task.WhenAll(members.Select(server.ConnectAsync));
        try
        {
            var group = await clients[0].InvokeAsync<ConversationRefWire>("createGroup", new { title = "two hundred", memberIds = members.Skip(1) });
            var sends = Enumerable.Range(0, 20).Select(i =>
                clients[i * 7 % clients.Length].InvokeAsync<SendReceipt>("sendMessage", Send(group.ConversationId, $"c{i}", $"message {i}")));
            var receipts = await Task.WhenAll(sends).DefaultTimeout();
            Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), receipts.Select(r => r.Seq).Order());

            foreach (var client in clients)
            {
                var seqs = new List<long>();
                for (var i = 0; i < 20; i++)
                {
                    seqs.Add((await client.NextEventAsync<ChatMessage>("message", TestContext.Current.CancellationToken).DefaultTimeout()).Seq);
                }

                Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), seqs);
                Assert.False(client.Events("message").TryRead(out _));
            }
        }
        finally
        {
            await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    [Fact]
    public async Task MembersAddedAndRemovedBetweenBurstsGetExactlyTheMessagesOfTheirMembershipInOrder()
    {
        var (owner, staying, leaving, joining) = (Unique("own"), Unique("stay"), Unique("leave"), Unique("join"));
        await using var ownerClient = await server.ConnectAsync(owner);
        await using var stayingClient = await server.ConnectAsync(staying);
        await using var leavingClient = await server.ConnectAsync(leaving);
        await using var joiningClient = await server.ConnectAsync(joining);
        var group = (await ownerClient.InvokeAsync<ConversationRefWire>("createGroup", new { title = "bursts", memberIds = new[] { staying, leaving } })).ConversationId;

        // Sent without waiting for each other, so the edge's lane gets them queued together.
        await Task.WhenAll(Enumerable.Range(1, 10).Select(i => ownerClient.InvokeAsync<SendReceipt>("sendMessage", Send(group, $"a{i}", $"first {i}")))).DefaultTimeout();
        await ownerClient.InvokeAsync("addMembers", new { conversationId = group, memberIds = new[] { joining } });
        await ownerClient.InvokeAsync("removeMember", new { conversationId = group, memberId = leaving });
        // From another member: one connection's send burst is 20, and the test makes 21 sends.
        await Task.WhenAll(Enumerable.Range(1, 10).Select(i => stayingClient.InvokeAsync<SendReceipt>("sendMessage", Send(group, $"b{i}", $"second {i}")))).DefaultTimeout();

        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), await SeqsAsync(ownerClient, 20));
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), await SeqsAsync(stayingClient, 20));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), await SeqsAsync(leavingClient, 10));
        Assert.Equal(Enumerable.Range(11, 10).Select(i => (long)i), await SeqsAsync(joiningClient, 10));

        // One more message, to flush anything that should not have arrived.
        await stayingClient.InvokeAsync<SendReceipt>("sendMessage", Send(group, "c1", "last"));
        Assert.Equal(21, (await joiningClient.NextEventAsync<ChatMessage>("message", TestContext.Current.CancellationToken).DefaultTimeout()).Seq);
        Assert.False(leavingClient.Events("message").TryRead(out _));
    }

    [Fact]
    public async Task AClosedConnectionLeavesItsConversationsAndAReconnectJoinsThemAgain()
    {
        var (ann, bob) = (Unique("ann"), Unique("bob"));
        await using var bobClient = await server.ConnectAsync(bob);
        await using var annLaptop = await server.ConnectAsync(ann);
        var conversation = (await bobClient.InvokeAsync<ConversationRefWire>("openDirect", ann)).ConversationId;
        var annPhone = await server.ConnectAsync(ann);
        await annPhone.DisposeAsync();

        await bobClient.InvokeAsync<SendReceipt>("sendMessage", Send(conversation, "r1", "while the phone is away"));
        await using var annPhoneAgain = await server.ConnectAsync(ann);

        // As a client does after any reconnect (docs/protocol.md). The hub answers calls only
        // after OnConnectedAsync, which queues the connection's joins, so the next message
        // cannot overtake them; the handshake alone comes before OnConnectedAsync.
        await annPhoneAgain.InvokeAsync<List<ConversationListItem>>("getConversations");
        await bobClient.InvokeAsync<SendReceipt>("sendMessage", Send(conversation, "r2", "after it is back"));

        Assert.Equal([1L, 2L], await SeqsAsync(annLaptop, 2));
        Assert.Equal([2L], await SeqsAsync(annPhoneAgain, 1));
        Assert.Equal([1L, 2L], await SeqsAsync(bobClient, 2));
    }

    [Fact]
    public async Task ARetryWithTheSameClientMsgIdReturnsTheSameSeqAndStoresOneMessage()
    {
        var (ann, bob) = (Unique("ann"), Unique("bob"));
        await using var annClient = await server.ConnectAsync(ann);
        await server.TokenAsync(bob);
        var conversation = await annClient.InvokeAsync<ConversationRefWire>("openDirect", bob);

        var first = await annClient.InvokeAsync<SendReceipt>("sendMessage", Send(conversation.ConversationId, "same", "once"));
        var retry = await annClient.InvokeAsync<SendReceipt>("sendMessage", Send(conversation.ConversationId, "same", "once"));
        var history = await annClient.InvokeAsync<HistoryPage>("getHistory", new { conversationId = conversation.ConversationId });

        Assert.Equal(first, retry);
        Assert.Equal("once", Assert.Single(history.Messages).Text);
    }

    [Fact]
    public async Task AClientThatMissedMessagesWhileOfflineRecoversAllOfThemByPull()
    {
        var (ann, bob) = (Unique("ann"), Unique("bob"));
        await using var annClient = await server.ConnectAsync(ann);
        var bobClient = await server.ConnectAsync(bob);
        var conversation = (await annClient.InvokeAsync<ConversationRefWire>("openDirect", bob)).ConversationId;
        await annClient.InvokeAsync<SendReceipt>("sendMessage", Send(conversation, "seen", "you see this"));
        var lastSeen = (await bobClient.NextEventAsync<ChatMessage>("message", TestContext.Current.CancellationToken).DefaultTimeout()).Seq;
        await bobClient.DisposeAsync();

        for (var i = 0; i < 5; i++)
        {
            await annClient.InvokeAsync<SendReceipt>("sendMessage", Send(conversation, $"missed{i}", $"missed {i}"));
        }

        await using var back = await server.ConnectAsync(bob);
        var listed = await back.InvokeAsync<List<ConversationListItem>>("getConversations");
        var pulled = await back.InvokeAsync<HistoryPage>("getHistory", new { conversationId = conversation, afterSeq = lastSeen });

        var entry = Assert.Single(listed, c => c.ConversationId == conversation);
        Assert.Equal(6, entry.MaxSeq);
        Assert.Equal(6, entry.UnreadCount);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"missed {i}"), pulled.Messages.Select(m => m.Text));
        Assert.False(pulled.HasMore);

        await back.InvokeAsync("markRead", new { conversationId = conversation, seq = 6 });
        var afterRead = Assert.Single(await back.InvokeAsync<List<ConversationListItem>>("getConversations"), c => c.ConversationId == conversation);
        Assert.Equal((6L, 0L), (afterRead.ReadSeq, afterRead.UnreadCount));
    }

    [Fact]
    public async Task ANonMemberCanNeitherSendNorReadAndNothingChanges()
    {
        var (ann, bob, eve) = (Unique("ann"), Unique("bob"), Unique("eve"));
        await using var annClient = await server.ConnectAsync(ann);
        await server.TokenAsync(bob);
        await using var eveClient = await server.ConnectAsync(eve);
        var conversation = (await annClient.InvokeAsync<ConversationRefWire>("openDirect", bob)).ConversationId;

        var send = await Assert.ThrowsAsync<HubInvocationException>(() => eveClient.InvokeAsync("sendMessage", Send(conversation, "x", "intruder")));
        var read = await Assert.ThrowsAsync<HubInvocationException>(() => eveClient.InvokeAsync("getHistory", new { conversationId = conversation }));

        Assert.Equal(("not_member", "not_member"), (send.Code, read.Code));
        Assert.Empty((await annClient.InvokeAsync<HistoryPage>("getHistory", new { conversationId = conversation })).Messages);
    }

    [Fact]
    public async Task AnOversizeMessageIsRefusedWithTooLargeAndNotStored()
    {
        var (ann, bob) = (Unique("ann"), Unique("bob"));
        await using var annClient = await server.ConnectAsync(ann);
        await server.TokenAsync(bob);
        var conversation = (await annClient.InvokeAsync<ConversationRefWire>("openDirect", bob)).ConversationId;

        var refusal = await Assert.ThrowsAsync<HubInvocationException>(() => annClient.InvokeAsync("sendMessage", Send(conversation, "big", new string('x', 5001))));

        Assert.Equal("too_large", refusal.Code);
        Assert.Empty((await annClient.InvokeAsync<HistoryPage>("getHistory", new { conversationId = conversation })).Messages);
        Assert.Equal(1, (await annClient.InvokeAsync<SendReceipt>("sendMessage", Send(conversation, "small", "fits"))).Seq);
    }

    [Fact]
    public async Task ConnectionsWithoutAValidTokenAreRefused()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => HubClient.ConnectAsync(server.HubUrl, accessToken: null, cancellationToken: TestContext.Current.CancellationToken));
        await Assert.ThrowsAnyAsync<Exception>(() => HubClient.ConnectAsync(server.HubUrl, "not-a-token", cancellationToken: TestContext.Current.CancellationToken));
    }

    private sealed record ConversationListItem(string ConversationId, string Kind, string Title, long MaxSeq, long ReadSeq, long UnreadCount);

    private sealed record TypingEventWire(string ConversationId, string MemberId);
}
