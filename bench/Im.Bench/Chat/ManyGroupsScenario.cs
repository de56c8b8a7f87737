using Im.Bench.Cli;
using Im.Bench.Hubs;
using Im.Bench.Measurement;
using Im.Bench.Servers;

namespace Im.Bench.Chat;

/// <summary>
/// Several large groups busy at once. Each is large enough for Im to fan it out in shards and
/// to hold its events for its next ones while it is busy (docs/fanout.md, "Holding a busy
/// large group's events"), and all of them share the edge's lanes: whether one group's hold
/// delays the others shows in the latencies and in how evenly the groups' senders get on.
/// </summary>
public sealed class ManyGroupsScenario(ChatServers servers, BenchOptions options, TextWriter progress)
{
    public const int Groups = 4;

    public const int MembersPerGroup = 2_500;

    /// <summary>Im fans a conversation out in shards from twice <c>Hubs:FanOutShardSize</c> (1,000) connections on a node, and holds only those.</summary>
    public const int OnlinePerGroup = 2_000;

    public const int SendersPerGroup = 2;

    private const int Senders = Groups * SendersPerGroup;

    private readonly string[] _conversationIds = new string[Groups];

    public static string Name => $"{Groups} groups of {MembersPerGroup:N0}, {OnlinePerGroup:N0} of each connected";

    public static string Description =>
        $"Subject: {Groups} Im groups of {MembersPerGroup:N0} members, disjoint, each made with one `createGroup` call; {OnlinePerGroup:N0} members of each connected "
        + $"({Groups * OnlinePerGroup:N0} connections, one each). {SendersPerGroup} connected members of every group send into it in a closed loop, as in the group scenario: "
        + "each calls `sendMessage`, waits for the ack and for its own connection's copy, then sends again. Every group is busy, so Im holds each one's events for its next ones, "
        + $"and the {Groups} groups share the edge's lanes. Baseline: the bare SignalR hub with the same connections `Join`ed to {Groups} groups, the same senders calling "
        + "`Send(group, message)` in the same loop. A delivery is a `message` event on any connection; its latency runs from the start of the send. "
        + "How evenly the groups get on: the slowest group's messages as a share of the mean group's, counted over every run of the side (priming included). "
        + "Both servers run side by side, set up once; the runs alternate. Im runs with its rate limits lifted.";

    private static int GroupOf(int connection) => connection / OnlinePerGroup;

    private static int SenderConnection(int sender) => (sender / SendersPerGroup * OnlinePerGroup) + (sender % SendersPerGroup);

    private static string BareGroup(int group) => $"bench-{group}";

    public async Task<Comparison> RunAsync(CancellationToken cancellationToken)
    {
        var load = new LoadSettings(Senders, Senders, options.Warmup, options.Duration / options.Rounds, KeyChoice.OnePerWorker);
        await using var bare = await StartBareAsync(cancellationToken);
        await using var im = await StartImAsync(cancellationToken);
        var bareSent = new long[Senders];
        var imSent = new long[Senders];
        var scenario = new ScenarioDefinition(
            Name,
            Description,
            load,
            new LoadVariant("bare hub Send to groups", _ => Task.FromResult<ILoadTarget>(new ChatTarget(
                key => GroupSending.SendAndAwaitOwnCopyAsync(bare.Connections[SenderConnection(key)], DeliveryLog.NewClientMsgId(key, ++bareSent[key]), (c, id) => c.InvokeAsync("Send", BareGroup(key / SendersPerGroup), BareCopy(key, id))),
                bare.Cpu,
                bare.Deliveries))),
            new LoadVariant("Im sendMessage to groups", _ => Task.FromResult<ILoadTarget>(new ChatTarget(
                key => GroupSending.SendAndAwaitOwnCopyAsync(im.Connections[SenderConnection(key)], DeliveryLog.NewClientMsgId(key, ++imSent[key]), (c, id) => c.InvokeAsync("sendMessage", new ChatSend(_conversationIds[key / SendersPerGroup], id, DirectChatScenario.Text))),
                im.Cpu,
                im.Deliveries))));
        var measured = await new ComparisonRunner(options.Rounds, progress).RunAsync(scenario, cancellationToken);
        var bareResult = measured.Baseline!;
        var imResult = measured.Subject!;
        Figure[] figures =
        [
            .. GroupSending.DeliveryFigures(bareResult, imResult),
            new("slowest group's messages, % of the mean group's", Evenness(bareSent), Evenness(imSent)),
            new("server RSS MB after the runs", bare.Server.ResidentBytes / 1048576.0, im.Server.ResidentBytes / 1048576.0),
            .. ChatSide.CpuFigures(bare, im, measured),
        ];
        return measured.With(figures, notes: [.. ScenarioResult.FailureNotes("send", bareResult, imResult), .. bare.Notes(), .. im.Notes()]);
    }

    private static double Evenness(long[] sent)
    {
        var perGroup = sent.Chunk(SendersPerGroup).Select(senders => (double)senders.Sum()).ToArray();
        return perGroup.Average() > 0 ? 100 * perGroup.Min() / perGroup.Average() : double.NaN;
    }

    private static ChatMessageCopy BareCopy(int sender, string clientMsgId) =>
        new(BareGroup(sender / SendersPerGroup), 0, ImMembers.Id(sender), clientMsgId, DirectChatScenario.Text, [], DateTimeOffset.UtcNow);

    private async Task<ChatSide> StartBareAsync(CancellationToken cancellationToken)
    {
        var side = await DirectPairs.StartBareAsync(servers, Groups * OnlinePerGroup, logged: true, progress, cancellationToken);
        try
        {
            await Parallel.ForEachAsync(
                Enumerable.Range(0, side.Connections.Count),
                new ParallelOptions { MaxDegreeOfParallelism = ChatSide.Parallelism, CancellationToken = cancellationToken },
                async (i, _) => await side.Connections[i].InvokeAsync("Join", BareGroup(GroupOf(i))));
            for (var group = 0; group < Groups; group++)
            {
                var sender = group * SendersPerGroup;
                await side.CheckFanOutAsync(id => side.Connections[SenderConnection(sender)].InvokeAsync("Send", BareGroup(group), BareCopy(sender, id)), OnlinePerGroup, cancellationToken);
            }

            return side;
        }
        catch
        {
            await side.DisposeAsync();
            throw;
        }
    }

    private async Task<ChatSide> StartImAsync(CancellationToken cancellationToken)
    {
        var side = new ChatSide(await servers.StartImAsync(servers.NewDataDirectory(), cancellationToken, ChatServers.UnthrottledLimits));
        try
        {
            progress.WriteLine($"  Im: {Groups * MembersPerGroup:N0} members, {Groups} groups, {Groups * OnlinePerGroup:N0} connections");
            var tokens = await side.CreateMembersAsync(Groups * MembersPerGroup, cancellationToken);
            int MemberOf(int connection) => (GroupOf(connection) * MembersPerGroup) + (connection % OnlinePerGroup);
            var failure = await side.TimedAsync(
                $"opening {Groups * OnlinePerGroup:N0} connections ({ChatSide.Parallelism} at a time)",
                () => HubConnections.OpenAsync(side.Connections, 0, Groups * OnlinePerGroup, i => ChatServers.HubUrl(side.Server, ChatServers.ImHubPath, tokens[MemberOf(i)]), _ => side.Deliveries, ChatSide.Parallelism, cancellationToken));
            if (failure is not null)
            {
                throw new InvalidOperationException($"Im: {failure}");
            }

            // Each group's owner, its first connection, names the rest of its block: members
            // already connected, whose connections join the group's fan-out as it is made.
            for (var group = 0; group < Groups; group++)
            {
                var owner = side.Connections[group * OnlinePerGroup];
                var members = Enumerable.Range((group * MembersPerGroup) + 1, MembersPerGroup - 1).Select(ImMembers.Id).ToArray();
                var created = await side.TimedAsync($"createGroup {group + 1} with {MembersPerGroup:N0} members", () => owner.InvokeForResultAsync("createGroup", new CreateGroupRequest($"bench group {group + 1}", members)));
                _conversationIds[group] = created.GetProperty("conversationId").GetString()!;
                var conversationId = _conversationIds[group];
                await side.CheckFanOutAsync(id => owner.InvokeAsync("sendMessage", new ChatSend(conversationId, id, DirectChatScenario.Text)), OnlinePerGroup, cancellationToken);
            }

            return side;
        }
        catch
        {
            await side.DisposeAsync();
            throw;
        }
    }
}
