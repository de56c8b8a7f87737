using System.Diagnostics.Metrics;
using Im.Domain.Chat;
using Im.Testing;
using Im.Testing.SignalR;
using static Im.Edge.Tests.Chat.ChatCalls;

namespace Im.Edge.Tests.Chat;

public sealed class RateLimitHubTests(LimitedChatServer fixture) : IClassFixture<LimitedChatServer>
{
    private ChatServer Server => fixture.Server;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ABurstPastTheConnectionLimitIsRateLimitedWhileCallsWithinItPass()
    {
        var (ann, bob) = (Unique("ann"), Unique("bob"));
        await using var annClient = await Server.ConnectAsync(ann);
        await Server.TokenAsync(bob);
        var conversation = (await annClient.InvokeAsync<ConversationRefWire>("openDirect", bob)).ConversationId;
        using var refusals = new RefusalCounter();

        var passed = new List<SendReceipt>();
        for (var i = 0; i < LimitedChatServer.SendConnectionBurst; i++)
        {
            passed.Add(await annClient.InvokeAsync<SendReceipt>("sendMessage", Send(conversation, $"c{i}", $"message {i}")));
        }

        var refusal = await Assert.ThrowsAsync<HubInvocationException>(() => annClient.InvokeAsync("sendMessage", Send(conversation, "over", "one too many")));

        Assert.Equal([1L, 2L, 3L], passed.Select(r => r.Seq));
        Assert.Equal("rate_limited", refusal.Code);
        Assert.Contains("connection", refusal.Reason, StringComparison.Ordinal);
        Assert.Contains("retry after", refusal.Reason, StringComparison.Ordinal);
        Assert.Equal(3, (await annClient.InvokeAsync<HistoryPage>("getHistory", new { conversationId = conversation })).Messages.Count);
        Assert.Equal(1, refusals.Of("send", "connection"));
    }

    [Fact]
    public async Task TheMemberLimitSpansTheMembersConnections()
    {
        var (ann, bob) = (Unique("ann"), Unique("bob"));
        await using var phone = await Server.ConnectAsync(ann);
        await using var laptop = await Server.ConnectAsync(ann);
        await Server.TokenAsync(bob);
        var conversation = (await phone.InvokeAsync<ConversationRefWire>("openDirect", bob)).ConversationId;
        using var refusals = new RefusalCounter();

        for (var i = 0; i < LimitedChatServer.SendConnectionBurst; i++)
        {
            await phone.InvokeAsync<SendReceipt>("sendMessage", Send(conversation, $"p{i}", "from the phone"));
        }

        for (var i = 0; i < LimitedChatServer.SendMemberBurst - LimitedChatServer.SendConnectionBurst; i++)
        {
            await laptop.InvokeAsync<SendReceipt>("sendMessage", Send(conversation, $"l{i}", "from the laptop"));
        }

        var refusal = await Assert.ThrowsAsync<HubInvocationException>(() => laptop.InvokeAsync("sendMessage", Send(conversation, "over", "one too many")));

        Assert.Equal("rate_limited", refusal.Code);
        Assert.Contains("member", refusal.Reason, StringComparison.Ordinal);
        Assert.Equal(LimitedChatServer.SendMemberBurst, (await laptop.InvokeAsync<HistoryPage>("getHistory", new { conversationId = conversation })).Messages.Count);
        Assert.Equal(1, refusals.Of("send", "member"));
    }

    [Fact]
    public async Task TypingReachesTheOtherMembersIsNeverStoredAndIsLimitedToo()
    {
        var (ann, bob, eve) = (Unique("ann"), Unique("bob"), Unique("eve"));
        await using var annClient = await Server.ConnectAsync(ann);
        await using var bobClient = await Server.ConnectAsync(bob);
        await using var eveClient = await Server.ConnectAsync(eve);
        var conversation = (await annClient.InvokeAsync<ConversationRefWire>("openDirect", bob)).ConversationId;

        await annClient.InvokeAsync("typing", new { conversationId = conversation });
        var typing = await bobClient.NextEventAsync<TypingWire>("typing", Cancellation).DefaultTimeout();
        var outsider = await Assert.ThrowsAsync<HubInvocationException>(() => eveClient.InvokeAsync("typing", new { conversationId = conversation }));
        await annClient.InvokeAsync("typing", new { conversationId = conversation });
        var limited = await Assert.ThrowsAsync<HubInvocationException>(() => annClient.InvokeAsync("typing", new { conversationId = conversation }));

        Assert.Equal(new TypingWire(conversation, ann), typing);
        Assert.Equal(("not_member", "rate_limited"), (outsider.Code, limited.Code));
        Assert.Empty((await bobClient.InvokeAsync<HistoryPage>("getHistory", new { conversationId = conversation })).Messages);
        Assert.False(annClient.Events("typing").TryRead(out _));
    }

    private sealed record TypingWire(string ConversationId, string MemberId);

    /// <summary>
    /// Counts <c>im.edge.rate_limited</c> by action and scope while alive. Tests of this class
    /// run one at a time, and the other classes' servers keep default limits their tests stay
    /// under, so what it counts is the test's own.
    /// </summary>
    private sealed class RefusalCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<(string?, string?), long> _counts = [];
        private readonly Lock _lock = new();

        public RefusalCounter()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Im.Edge" && instrument.Name == "im.edge.rate_limited")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                string? action = null, scope = null;
                foreach (var tag in tags)
                {
                    action = tag.Key == "action" ? tag.Value as string : action;
                    scope = tag.Key == "scope" ? tag.Value as string : scope;
                }

                lock (_lock)
                {
                    _counts[(action, scope)] = _counts.GetValueOrDefault((action, scope)) + value;
                }
            });
            _listener.Start();
        }

        public long Of(string action, string scope)
        {
            lock (_lock)
            {
                return _counts.GetValueOrDefault((action, scope));
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
