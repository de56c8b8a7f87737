using Im.Domain.Chat;
using static Im.Edge.Tests.Chat.ChatCalls;

namespace Im.Edge.Tests.Chat;

/// <summary>
/// A large group's events held while it is busy (<c>LaneReader</c>): here every group of 16
/// connections or more counts as large, a group stays busy for a minute after a fan-out,
/// and a hold lasts half a second, so that what a hold does is certain and visible.
/// </summary>
public sealed class FanOutHoldTests(FanOutHoldTests.HoldingChatServer fixture) : IClassFixture<FanOutHoldTests.HoldingChatServer>
{
    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task ABusyLargeGroupsMessagesAreHeldThenLeaveInOrderAndAMembershipChangeSendsThemFirst()
    {
        var server = fixture.Server;
        var (owner, staying, leaving, joining) = (Unique("own"), Unique("stay"), Unique("leave"), Unique("join"));
        var others = Enumerable.Range(0, 14).Select(i => Unique($"o{i}")).ToList();
        var clients = await Task.WhenAll(new[] { owner, staying, leaving, joining }.Concat(others).Select(server.ConnectAsync));
        var (ownerClient, stayingClient, leavingClient, joiningClient) = (clients[0], clients[1], clients[2], clients[3]);
        try
        {
            // 17 connections: two shards of 8 and more, so the group counts as large.
            var group = (await ownerClient.InvokeAsync<ConversationRefWire>("createGroup", new { title = "hold", memberIds = others.Append(staying).Append(leaving) })).ConversationId;

            // Not busy yet: the first message leaves at once.
            await ownerClient.InvokeAsync<SendReceipt>("sendMessage", Send(group, "m1", "first"));
            Assert.Equal([1L], await SeqsAsync(stayingClient, 1));
            Assert.Equal([1L], await SeqsAsync(leavingClient, 1));

            // Busy now: the next two are held together.
            await ownerClient.InvokeAsync<SendReceipt>("sendMessage", Send(group, "m2", "second"));
            await ownerClient.InvokeAsync<SendReceipt>("sendMessage", Send(group, "m3", "third"));
            await Task.Delay(Linger / 2, TestContext.Current.CancellationToken);
            Assert.False(stayingClient.Events("message").TryRead(out _));

            // A membership change sends what is held first: the member removed after the two
            // sends gets them, the member added after them does not.
            await ownerClient.InvokeAsync("removeMember", new { conversationId = group, memberId = leaving });
            await ownerClient.InvokeAsync("addMembers", new { conversationId = group, memberIds = new[] { joining } });
            Assert.Equal([2L, 3L], await SeqsAsync(leavingClient, 2));
            Assert.Equal([2L, 3L], await SeqsAsync(stayingClient, 2));

            // A hold with nothing behind it ends by itself.
            await ownerClient.InvokeAsync<SendReceipt>("sendMessage", Send(group, "m4", "fourth"));
            Assert.Equal([4L], await SeqsAsync(joiningClient, 1));
            Assert.Equal([4L], await SeqsAsync(stayingClient, 1));
            Assert.False(leavingClient.Events("message").TryRead(out _));
            Assert.Equal([1L, 2L, 3L, 4L], await SeqsAsync(clients[^1], 4));
        }
        finally
        {
            await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    public sealed class HoldingChatServer : IAsyncLifetime
    {
        public ChatServer Server { get; } = new(new Dictionary<string, string?>
        {
            ["Hubs:FanOutLinger"] = Linger.ToString(),
            ["Hubs:FanOutBusyWindow"] = "00:01:00",
        });

        public ValueTask InitializeAsync() => Server.InitializeAsync();

        public ValueTask DisposeAsync() => Server.DisposeAsync();
    }
}
