using Im.Bench.Hubs;
using Im.Bench.Measurement;
using Im.Bench.Servers;

namespace Im.Bench.Chat;

/// <summary>
/// The setup the pair scenarios share: a server with pairs of connections, on Im each pair
/// two members in their direct conversation. Member 2p sends, member 2p + 1 receives.
/// </summary>
public static class DirectPairs
{
    /// <summary>
    /// The bare hub with <paramref name="connections"/> connections; their events go to the
    /// side's log when <paramref name="logged"/>, else they are only counted per connection.
    /// </summary>
    public static Task<ChatSide> StartBareAsync(ChatServers servers, int connections, bool logged, TextWriter progress, CancellationToken cancellationToken) =>
        StartBareAsync(servers, connections, _ => logged, progress, cancellationToken);

    /// <summary>
    /// The bare hub with <paramref name="pairs"/> pairs of connections, each pair in a group
    /// of its own named as the pair's key (<c>d:0</c>, <c>d:1</c>...), the receivers' events
    /// timed in the side's log: the connections of a 1:1 conversation, on a hub that stores nothing.
    /// </summary>
    public static async Task<ChatSide> StartBarePairsAsync(ChatServers servers, int pairs, TextWriter progress, CancellationToken cancellationToken)
    {
        var side = await StartBareAsync(servers, pairs * 2, i => i % 2 == 1, progress, cancellationToken);
        try
        {
            await JoinPairsAsync(side, pairs, PairGroup, cancellationToken);
            await side.CheckFanOutAsync(id => side.Connections[0].InvokeAsync("Send", PairGroup(0), new ChatSend(PairGroup(0), id, DirectChatScenario.Text)), 2, cancellationToken);
            return side;
        }
        catch
        {
            await side.DisposeAsync();
            throw;
        }
    }

    /// <summary>Puts each pair of the bare side's connections (2p and 2p + 1) into the group <paramref name="groupOf"/> names for p.</summary>
    public static Task JoinPairsAsync(ChatSide bare, int pairs, Func<int, string> groupOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bare);
        ArgumentNullException.ThrowIfNull(groupOf);
        return Parallel.ForEachAsync(Enumerable.Range(0, pairs * 2), new ParallelOptions { MaxDegreeOfParallelism = ChatSide.Parallelism, CancellationToken = cancellationToken }, async (i, _) =>
            await bare.Connections[i].InvokeAsync("Join", groupOf(i / 2)));
    }

    private static async Task<ChatSide> StartBareAsync(ChatServers servers, int connections, Func<int, bool> logged, TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(servers);
        ArgumentNullException.ThrowIfNull(progress);
        progress.WriteLine($"  bare hub: {connections:N0} connections");
        var side = new ChatSide(await servers.StartBareHubAsync(cancellationToken));
        try
        {
            var hub = ChatServers.HubUrl(side.Server, ChatServers.BareHubPath);
            var failure = await HubConnections.OpenAsync(side.Connections, 0, connections, _ => hub, i => logged(i) ? side.Deliveries : null, ChatSide.Parallelism, cancellationToken);
            return failure is null ? side : throw new InvalidOperationException($"bare hub: {failure}");
        }
        catch
        {
            await side.DisposeAsync();
            throw;
        }
    }

    /// <summary>The bare hub's <c>Echo</c> from each pair's first connection: a round trip with nothing behind it.</summary>
    public static LoadVariant Echo(ChatSide bare, int pairs)
    {
        ArgumentNullException.ThrowIfNull(bare);
        var counters = new long[pairs];
        return new LoadVariant("bare hub Echo", _ => Task.FromResult<ILoadTarget>(new ChatTarget(
            key => bare.Connections[2 * key].InvokeAsync("Echo", new ChatSend(PairGroup(key), DeliveryLog.NewClientMsgId(key, ++counters[key]), DirectChatScenario.Text)),
            bare.Cpu)));
    }

    /// <summary>
    /// The bare hub's <c>Send</c> to each pair's group from its first connection (side of
    /// <see cref="StartBarePairsAsync"/>): the sender's own copy and the peer's, the peer's
    /// timed in the side's log, and the call answered once both are queued.
    /// </summary>
    public static LoadVariant Relay(ChatSide bare, int pairs)
    {
        ArgumentNullException.ThrowIfNull(bare);
        var counters = new long[pairs];
        return new LoadVariant("bare hub relay", _ => Task.FromResult<ILoadTarget>(new ChatTarget(
            key => bare.Connections[2 * key].InvokeAsync("Send", PairGroup(key), new ChatSend(PairGroup(key), DeliveryLog.NewClientMsgId(key, ++counters[key]), DirectChatScenario.Text)),
            bare.Cpu,
            bare.Deliveries)));
    }

    /// <summary>
    /// The two sides of the 1:1 scenarios, keyed by pair: the bare hub's <c>Echo</c> from the
    /// pair's first connection, and Im's <c>sendMessage</c> in the pair's conversation (its
    /// peer's <c>message</c> events timed in Im's log), with the same argument.
    /// </summary>
    public static (LoadVariant Baseline, LoadVariant Subject) EchoAgainstSend(ChatSide bare, ChatSide im, string[] conversations)
    {
        ArgumentNullException.ThrowIfNull(bare);
        ArgumentNullException.ThrowIfNull(im);
        ArgumentNullException.ThrowIfNull(conversations);
        var imCounters = new long[conversations.Length];
        return (
            Echo(bare, conversations.Length),
            new LoadVariant("Im sendMessage", _ => Task.FromResult<ILoadTarget>(new ChatTarget(
                key => im.Connections[2 * key].InvokeAsync("sendMessage", new ChatSend(conversations[key], DeliveryLog.NewClientMsgId(key, ++imCounters[key]), DirectChatScenario.Text)),
                im.Cpu,
                im.Deliveries))));
    }

    private static string PairGroup(int pair) => $"d:{pair}";

    /// <summary>
    /// Im on a fresh data directory (or <paramref name="dataDirectory"/>) with
    /// <paramref name="settings"/>: 2 × <paramref name="pairs"/> members, one connection each,
    /// and each pair's direct conversation, checked by one message reaching its peer. The
    /// receivers' events are timed in the side's log; the senders' own copies are not.
    /// Returns the side and each pair's conversation id.
    /// </summary>
    public static async Task<(ChatSide Side, string[] Conversations)> StartImAsync(
        ChatServers servers, int pairs, TextWriter progress, CancellationToken cancellationToken, IReadOnlyList<string>? settings = null, string? dataDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(servers);
        ArgumentNullException.ThrowIfNull(progress);
        var side = new ChatSide(await servers.StartImAsync(dataDirectory ?? servers.NewDataDirectory(), cancellationToken, settings));
        try
        {
            progress.WriteLine($"  Im: {pairs * 2:N0} members, connections and {pairs:N0} direct conversations");
            var tokens = await side.CreateMembersAsync(pairs * 2, cancellationToken);
            var failure = await HubConnections.OpenAsync(
                side.Connections, 0, pairs * 2, i => ChatServers.HubUrl(side.Server, ChatServers.ImHubPath, tokens[i]), i => i % 2 == 1 ? side.Deliveries : null, ChatSide.Parallelism, cancellationToken);
            if (failure is not null)
            {
                throw new InvalidOperationException($"Im: {failure}");
            }

            var conversations = new string[pairs];
            await Parallel.ForEachAsync(Enumerable.Range(0, pairs), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (pair, _) =>
            {
                var opened = await side.Connections[2 * pair].InvokeForResultAsync("openDirect", ImMembers.Id((2 * pair) + 1));
                conversations[pair] = opened.GetProperty("conversationId").GetString()!;
            });
            var peer = side.Connections[1];
            var seen = peer.DeliveriesSeen;
            await side.CheckFanOutAsync(id => side.Connections[0].InvokeAsync("sendMessage", new ChatSend(conversations[0], id, DirectChatScenario.Text)), 2, cancellationToken);
            return peer.DeliveriesSeen > seen ? (side, conversations) : throw new InvalidOperationException("Im: the first message did not reach the peer");
        }
        catch
        {
            await side.DisposeAsync();
            throw;
        }
    }
}
