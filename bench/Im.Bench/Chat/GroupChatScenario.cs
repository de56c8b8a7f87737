using Im.Bench.Cli;
using Im.Bench.Hubs;
using Im.Bench.Measurement;
using Im.Bench.Servers;

namespace Im.Bench.Chat;

/// <summary>
/// A large group: thousands of members, some of them connected, a few sending; what counts
/// is how many deliveries per second reach the connections, and how late.
/// </summary>
public sealed class GroupChatScenario(ChatServers servers, BenchOptions options, TextWriter progress)
{
    private const double Goal = 0.8;
    private const string BareGroup = "bench";

    private string _conversationId = string.Empty;

    private ChatOptions Chat => options.Chat;

    public string Name => $"group of {Chat.GroupMembers:N0}, {Chat.GroupOnline:N0} connected";

    public string Description =>
        $"Subject: one Im group of {Chat.GroupMembers:N0} members made with one `createGroup` call, {Chat.GroupOnline:N0} of them connected (one connection each). "
        + $"{Chat.GroupSenders} of the connected members send in a closed loop: each calls `sendMessage`, waits for the ack and for its own connection's copy "
        + "of the message, then sends again, so a sender never has more than one message in flight and a server that acks before it delivers cannot run ahead. "
        + $"Baseline: the bare SignalR hub with {Chat.GroupOnline:N0} connections all `Join`ed to one group, the same senders calling `Send(group, message)` with "
        + "a payload shaped like Im's `message` event, in the same loop. A delivery is a `message` event on any connection (the senders' own included); "
        + "its latency runs from the start of the send. Both servers run side by side, set up once; the runs alternate. "
        + "Im runs with its rate limits lifted, as in the 1:1 scenario.";

    public async Task<Comparison> RunAsync(CancellationToken cancellationToken)
    {
        var senders = Chat.GroupSenders;
        var load = new LoadSettings(senders, senders, options.Warmup, options.Duration / options.Rounds, KeyChoice.OnePerWorker);
        await using var bare = await StartBareAsync(cancellationToken);
        await using var im = await StartImAsync(cancellationToken);
        var bareCounters = new long[senders];
        var imCounters = new long[senders];
        var scenario = new ScenarioDefinition(
            Name,
            Description,
            load,
            new LoadVariant("bare hub Send to group", _ => Task.FromResult<ILoadTarget>(new ChatTarget(
                key => GroupSending.SendAndAwaitOwnCopyAsync(bare.Connections[key], DeliveryLog.NewClientMsgId(key, ++bareCounters[key]), (c, id) => c.InvokeAsync("Send", BareGroup, Copy(key, id))),
                bare.Cpu,
                bare.Deliveries))),
            new LoadVariant("Im sendMessage to group", _ => Task.FromResult<ILoadTarget>(new ChatTarget(
                key => GroupSending.SendAndAwaitOwnCopyAsync(im.Connections[key], DeliveryLog.NewClientMsgId(key, ++imCounters[key]), (c, id) => c.InvokeAsync("sendMessage", new ChatSend(_conversationId, id, DirectChatScenario.Text))),
                im.Cpu,
                im.Deliveries))));
        var measured = await new ComparisonRunner(options.Rounds, progress).RunAsync(scenario, cancellationToken);
        var rss = new Figure("server RSS MB after the runs", bare.Server.ResidentBytes / 1048576.0, im.Server.ResidentBytes / 1048576.0);
        return Summarize(measured, [rss, .. ChatSide.CpuFigures(bare, im, measured)], [.. bare.Notes(), .. im.Notes()]);
    }

    private static ChatMessageCopy Copy(int sender, string clientMsgId) =>
        new(BareGroup, 0, ImMembers.Id(sender), clientMsgId, DirectChatScenario.Text, [], DateTimeOffset.UtcNow);

    private Comparison Summarize(Comparison measured, IReadOnlyList<Figure> sides, IReadOnlyList<string> notes)
    {
        var bare = measured.Baseline!;
        var im = measured.Subject!;
        Figure[] figures = [.. GroupSending.DeliveryFigures(bare, im), .. sides];
        var ratio = im.ObservedPerSecond / bare.ObservedPerSecond;
        Goal[] goals =
        [
            new($"Im deliveries/s ≥ {Goal} × the bare hub's group deliveries/s", double.IsFinite(ratio) && ratio >= Goal, $"{im.ObservedPerSecond:N0} vs {bare.ObservedPerSecond:N0} = {ratio:0.00} ×"),
        ];
        var errors = ScenarioResult.FailureNotes("send", bare, im);
        return measured.With(figures, goals, [.. errors, .. notes]);
    }

    private async Task<ChatSide> StartBareAsync(CancellationToken cancellationToken)
    {
        progress.WriteLine($"  bare hub: {Chat.GroupOnline:N0} connections in one group");
        var side = new ChatSide(await servers.StartBareHubAsync(cancellationToken));
        try
        {
            var hub = ChatServers.HubUrl(side.Server, ChatServers.BareHubPath);
            var failure = await side.TimedAsync(
                $"opening {Chat.GroupOnline:N0} connections ({ChatSide.Parallelism} at a time)",
                () => HubConnections.OpenAsync(side.Connections, 0, Chat.GroupOnline, _ => hub, _ => side.Deliveries, ChatSide.Parallelism, cancellationToken));
            if (failure is not null)
            {
                throw new InvalidOperationException($"bare hub: {failure}");
            }

            await Parallel.ForEachAsync(side.Connections, new ParallelOptions { MaxDegreeOfParallelism = ChatSide.Parallelism, CancellationToken = cancellationToken }, async (c, _) => await c.InvokeAsync("Join", BareGroup));
            await side.CheckFanOutAsync(id => side.Connections[0].InvokeAsync("Send", BareGroup, Copy(0, id)), Chat.GroupOnline, cancellationToken);
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
            progress.WriteLine($"  Im: {Chat.GroupMembers:N0} members, one group, {Chat.GroupOnline:N0} connections");
            var tokens = await side.CreateMembersAsync(Chat.GroupMembers, cancellationToken);
            Uri UrlOf(int i) => ChatServers.HubUrl(side.Server, ChatServers.ImHubPath, tokens[i]);

            // The owner connects first and creates the group; the others join it as they connect.
            if (await HubConnections.OpenAsync(side.Connections, 0, 1, UrlOf, _ => side.Deliveries, 1, cancellationToken) is { } ownerFailure)
            {
                throw new InvalidOperationException($"Im: the group's owner could not connect: {ownerFailure}");
            }

            var members = Enumerable.Range(1, Chat.GroupMembers - 1).Select(ImMembers.Id).ToArray();
            var created = await side.TimedAsync($"one createGroup call with {Chat.GroupMembers:N0} members", () => side.Connections[0].InvokeForResultAsync("createGroup", new CreateGroupRequest("bench group", members)));
            _conversationId = created.GetProperty("conversationId").GetString()!;
            var failure = await side.TimedAsync(
                $"opening {Chat.GroupOnline - 1:N0} connections of group members ({ChatSide.Parallelism} at a time)",
                () => HubConnections.OpenAsync(side.Connections, 1, Chat.GroupOnline, UrlOf, _ => side.Deliveries, ChatSide.Parallelism, cancellationToken));
            if (failure is not null)
            {
                throw new InvalidOperationException($"Im: {failure}");
            }

            await side.CheckFanOutAsync(id => side.Connections[0].InvokeAsync("sendMessage", new ChatSend(_conversationId, id, DirectChatScenario.Text)), Chat.GroupOnline, cancellationToken);
            return side;
        }
        catch
        {
            await side.DisposeAsync();
            throw;
        }
    }
}
