using System.Diagnostics;
using Im.Bench.Cli;
using Im.Bench.Hubs;
using Im.Bench.Measurement;
using Im.Bench.Servers;

namespace Im.Bench.Chat;

/// <summary>
/// Presence under churn: many idle connections, each member with a few direct contacts; a
/// few workers drop a member's only connection and open it again, closed loop, so every
/// reconnect is an offline and an online change for the member's contacts. Against the
/// bare hub's plain reconnect.
/// </summary>
public sealed class PresenceChurnScenario(ChatServers servers, BenchOptions options, TextWriter progress)
{
    public const int Workers = 8;

    private static readonly TimeSpan OfflineLimit = TimeSpan.FromSeconds(10);

    // Offsets of each member's direct contacts: i ± 1, i ± 2 and i + N/2, five contacts each.
    private static readonly int[] NeighbourOffsets = [1, 2];

    // The members' tokens, issued while Im is set up; a reconnect presents its member's.
    private string[] _tokens = [];

    private int Members => options.Chat.Pairs * 2;

    public string Name => $"presence churn, {Members:N0} connections";

    public string Description =>
        $"{Members:N0} members, one idle connection each. Subject: on Im each member has 5 direct contacts (direct conversations with i ± 1, i ± 2 and "
        + $"i + {Members / 2:N0}, modulo {Members:N0}), so a member going offline or online is a `presence` event to 5 connections. {Workers} workers, closed loop: "
        + $"each drops the only connection of its next member (an abort, which the server sees at once), waits until the member's partner (i + {Members / 2:N0}) has "
        + "the `offline` event, then opens a new connection with the member's token up to the end of SignalR's handshake (without the wait the new "
        + $"connection often opens before the server has seen the old one go, and no presence changes); worker w takes members w, w + {Workers}, w + {2 * Workers}…, so no member churns on two workers at once. Presence events are "
        + "counted on every connection over the measured windows. Rate limits lifted. Baseline: the bare SignalR hub with as many idle connections, the same "
        + "loop of drop and reconnect, no hub method called, no wait (it has no events): the ratio is a plain reconnect against one whose offline "
        + "change has reached a contact.";

    public async Task<Comparison> RunAsync(CancellationToken cancellationToken)
    {
        var load = new LoadSettings(Workers, Workers, options.Warmup, options.Duration / options.Rounds, KeyChoice.OnePerWorker);
        await using var bare = await DirectPairs.StartBareAsync(servers, Members, logged: true, progress, cancellationToken);
        var bareHub = ChatServers.HubUrl(bare.Server, ChatServers.BareHubPath);
        await using var im = await StartImAsync(cancellationToken);
        var tokens = _tokens;
        var bareNext = new long[Workers];
        var imNext = new long[Workers];
        var firstReconnect = await CountFirstReconnectAsync(im, i => ChatServers.HubUrl(im.Server, ChatServers.ImHubPath, tokens[i]), cancellationToken);
        var bareEvents = new EventTally(bare.Deliveries);
        var imEvents = new EventTally(im.Deliveries);
        var scenario = new ScenarioDefinition(
            Name,
            Description,
            load,
            new LoadVariant("bare hub reconnect", _ => Task.FromResult<ILoadTarget>(new ChatTarget(
                worker => ReconnectAsync(bare, Member(worker, ++bareNext[worker]), _ => bareHub), bare.Cpu, events: bareEvents))),
            new LoadVariant("Im reconnect", _ => Task.FromResult<ILoadTarget>(new ChatTarget(
                worker => ReconnectSeenAsync(im, Member(worker, ++imNext[worker]), i => ChatServers.HubUrl(im.Server, ChatServers.ImHubPath, tokens[i])), im.Cpu, events: imEvents))));
        var measured = await new ComparisonRunner(options.Rounds, progress).RunAsync(scenario, cancellationToken);
        return Summarize(measured, bareEvents, imEvents, [.. ChatSide.CpuFigures(bare, im, measured)], [firstReconnect, .. bare.Notes(), .. im.Notes()]);
    }

    private int Member(int worker, long turn) => worker + (Workers * (int)(turn % (Members / Workers)));

    private static async Task ReconnectAsync(ChatSide side, int member, Func<int, Uri> urlOf)
    {
        await side.Connections[member].DisposeAsync();
        side.Connections[member] = await HubConnections.ConnectAsync(urlOf(member), member, side.Deliveries, CancellationToken.None);
    }

    /// <summary>
    /// A reconnect that Im's presence sees: after the drop, waits until the member's partner
    /// (i + N/2, churned by another worker far off in its turn) has the offline event, then
    /// reconnects. Without the wait the new connection often opens before the server has
    /// noticed the old one go, the count never reaches 0 and nobody is told anything.
    /// </summary>
    private async Task ReconnectSeenAsync(ChatSide side, int member, Func<int, Uri> urlOf)
    {
        var partner = side.Connections[(member + (Members / 2)) % Members];
        var before = partner.EventsSeen;
        await side.Connections[member].DisposeAsync();
        var deadline = Stopwatch.GetTimestamp() + (OfflineLimit.Ticks * Stopwatch.Frequency / TimeSpan.TicksPerSecond);
        while (partner.EventsSeen == before)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"member {member}'s partner had no offline event {OfflineLimit.TotalSeconds} s after the drop");
            }

            await Task.Delay(1);
        }

        side.Connections[member] = await HubConnections.ConnectAsync(urlOf(member), member, side.Deliveries, CancellationToken.None);
    }

    // One reconnect before anything is measured: proof that presence events flow, and how many one reconnect makes.
    private async Task<string> CountFirstReconnectAsync(ChatSide im, Func<int, Uri> urlOf, CancellationToken cancellationToken)
    {
        var before = im.Deliveries.EventsReceived;
        await ReconnectSeenAsync(im, 0, urlOf);
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        return $"Im: one reconnect of member 0 before the runs brought {im.Deliveries.EventsReceived - before} presence event(s) within 1 s (5 contacts × offline and online = 10 expected)";
    }

    private async Task<ChatSide> StartImAsync(CancellationToken cancellationToken)
    {
        var side = new ChatSide(await servers.StartImAsync(servers.NewDataDirectory(), cancellationToken, ChatServers.UnthrottledLimits));
        try
        {
            progress.WriteLine($"  Im: {Members:N0} members and connections, 5 direct contacts each");
            _tokens = await side.CreateMembersAsync(Members, cancellationToken);
            var tokens = _tokens;
            var failure = await HubConnections.OpenAsync(
                side.Connections, 0, Members, i => ChatServers.HubUrl(side.Server, ChatServers.ImHubPath, tokens[i]), _ => side.Deliveries, ChatSide.Parallelism, cancellationToken);
            if (failure is not null)
            {
                throw new InvalidOperationException($"Im: {failure}");
            }

            var contacts = Enumerable.Range(0, Members)
                .SelectMany(i => NeighbourOffsets.Select(o => (From: i, To: (i + o) % Members)))
                .Concat(Enumerable.Range(0, Members / 2).Select(i => (From: i, To: i + (Members / 2))))
                .ToList();
            await side.TimedAsync($"{contacts.Count:N0} openDirect calls (16 at a time)", async () =>
            {
                await Parallel.ForEachAsync(contacts, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (c, _) =>
                    await side.Connections[c.From].InvokeAsync("openDirect", ImMembers.Id(c.To)));
                return contacts.Count;
            });
            return side;
        }
        catch
        {
            await side.DisposeAsync();
            throw;
        }
    }

    private static Comparison Summarize(Comparison measured, EventTally bareEvents, EventTally imEvents, IReadOnlyList<Figure> cpu, IReadOnlyList<string> notes)
    {
        var bare = measured.Baseline!;
        var im = measured.Subject!;
        Figure[] figures =
        [
            new("reconnects/s (drop + connect + handshake)", bare.CallsPerSecond, im.CallsPerSecond),
            new("reconnect p50 µs", bare.P50Microseconds, im.P50Microseconds),
            new("reconnect p99 µs", bare.P99Microseconds, im.P99Microseconds),
            new("presence events delivered/s", bareEvents.PerSecond, imEvents.PerSecond),
            new("events per reconnect", bareEvents.Events / (double)bare.Calls, imEvents.Events / (double)im.Calls),
            .. cpu,
        ];
        var errors = ScenarioResult.FailureNotes("reconnect", bare, im);
        return measured.With(figures, [], [.. errors, .. notes]);
    }
}
