using Im.Bench.Cli;
using Im.Bench.Measurement;
using Im.Bench.Servers;

namespace Im.Bench.Chat;

/// <summary>
/// Typing indicators under load: pairs of members, the first of each pair calling
/// <c>typing</c> in a closed loop; against the bare hub's Send to a group of two.
/// </summary>
public sealed class TypingScenario(ChatServers servers, BenchOptions options, TextWriter progress)
{
    private static readonly TimeSpan CheckLimit = TimeSpan.FromSeconds(30);

    private int Pairs => options.Chat.Pairs;

    public string Name => $"typing, {Pairs * 2:N0} connections";

    public string Description =>
        $"{Pairs:N0} pairs of members, each member with one connection. Subject: in each pair's direct conversation the first member calls Im's `typing` "
        + "and waits for its completion, then calls again (closed loop); Im sends the peer a `typing` event (not the typist). Rate limits lifted "
        + "(`Limits:*` at 100,000 per second). Baseline: the bare SignalR hub over as many connections, each pair `Join`ed to its own group, the same "
        + "closed loop calling `Send(group, payload)` with a payload shaped like Im's `typing` event; SignalR's group send reaches both members, the "
        + "sender too, so it delivers two events per call to Im's one. Events are counted on every connection over the measured windows.";

    public async Task<Comparison> RunAsync(CancellationToken cancellationToken)
    {
        var load = new LoadSettings(Pairs, Pairs, options.Warmup, options.Duration / options.Rounds, KeyChoice.OnePerWorker);
        await using var bare = await DirectPairs.StartBareAsync(servers, Pairs * 2, logged: true, progress, cancellationToken);
        await DirectPairs.JoinPairsAsync(bare, Pairs, Group, cancellationToken);
        var (im, conversations) = await DirectPairs.StartImAsync(servers, Pairs, progress, cancellationToken, ChatServers.UnthrottledLimits);
        await using var imSide = im;
        await CheckEventAsync(bare, () => BareTyping(bare, 0), cancellationToken);
        await CheckEventAsync(im, () => ImTyping(im, conversations, 0), cancellationToken);
        var bareEvents = new EventTally(bare.Deliveries);
        var imEvents = new EventTally(im.Deliveries);
        var scenario = new ScenarioDefinition(
            Name,
            Description,
            load,
            new LoadVariant("bare hub Send to 2", _ => Task.FromResult<ILoadTarget>(new ChatTarget(key => BareTyping(bare, key), bare.Cpu, events: bareEvents))),
            new LoadVariant("Im typing", _ => Task.FromResult<ILoadTarget>(new ChatTarget(key => ImTyping(im, conversations, key), im.Cpu, events: imEvents))));
        var measured = await new ComparisonRunner(options.Rounds, progress).RunAsync(scenario, cancellationToken);
        return Summarize(measured, bareEvents, imEvents, [.. ChatSide.CpuFigures(bare, im, measured)], [.. bare.Notes(), .. im.Notes()]);
    }

    private static string Group(int pair) => $"p{pair}";

    private static Task BareTyping(ChatSide bare, int pair) =>
        bare.Connections[2 * pair].InvokeAsync("Send", Group(pair), new TypingCopy($"d:{ImMembers.Id(2 * pair)}:{ImMembers.Id((2 * pair) + 1)}", ImMembers.Id(2 * pair)));

    private static Task ImTyping(ChatSide im, string[] conversations, int pair) =>
        im.Connections[2 * pair].InvokeAsync("typing", new ConversationRef(conversations[pair]));

    /// <summary>One call, and its event must arrive before anything is measured.</summary>
    private static async Task CheckEventAsync(ChatSide side, Func<Task> call, CancellationToken cancellationToken)
    {
        var before = side.Deliveries.EventsReceived;
        await call();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(CheckLimit);
        while (side.Deliveries.EventsReceived == before)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new InvalidOperationException($"{side.Server.Name}: no event arrived within {CheckLimit.TotalSeconds} s of the first call");
            }
        }
    }

    private static Comparison Summarize(Comparison measured, EventTally bareEvents, EventTally imEvents, IReadOnlyList<Figure> cpu, IReadOnlyList<string> notes)
    {
        var bare = measured.Baseline!;
        var im = measured.Subject!;
        Figure[] figures =
        [
            new("calls/s (bare: Send to a group of 2; Im: typing)", bare.CallsPerSecond, im.CallsPerSecond),
            new("call p50 µs", bare.P50Microseconds, im.P50Microseconds),
            new("call p99 µs", bare.P99Microseconds, im.P99Microseconds),
            new("events delivered/s (bare: message to both; Im: typing to the peer)", bareEvents.PerSecond, imEvents.PerSecond),
            new("events per call", bareEvents.Events / (double)bare.Calls, imEvents.Events / (double)im.Calls),
            .. cpu,
        ];
        var errors = ScenarioResult.FailureNotes("call", bare, im);
        return measured.With(figures, [], [.. errors, .. notes]);
    }
}
