using Im.Bench.Cli;
using Im.Bench.Measurement;
using Im.Bench.Servers;

namespace Im.Bench.Chat;

/// <summary>
/// 1:1 chat: pairs of members, one connection each, the first of each pair sending to the
/// second in a closed loop; against the bare hub's Echo over as many connections. Resumed:
/// the same after a restart, every conversation holding history when it activates, as most
/// conversations of a server that has run for a while do.
/// </summary>
public sealed class DirectChatScenario(ChatServers servers, BenchOptions options, TextWriter progress, bool resumed = false)
{
    public const string Text = "bench message: the quick brown fox jumps over the lazy dog";
    private const double Goal = 0.5;

    /// <summary>Resumed: messages each pair's conversation holds before the restart.</summary>
    private const int EarlierMessages = 20;

    private int Pairs => options.Chat.Pairs;

    public string Name => resumed ? $"1:1 chat after a restart, {Pairs * 2:N0} connections" : $"1:1 chat, {Pairs * 2:N0} connections";

    public string Description =>
        (resumed
            ? $"As the 1:1 scenario, but Im is stopped and started again on its data once each pair's conversation holds {EarlierMessages} messages, and the connections "
                + "are opened anew, so every conversation has history when it activates: a send must then tell a new clientMsgId from a retry of an earlier message. "
            : string.Empty)
        + $"{Pairs:N0} pairs of members, each member with one connection. Subject: in each pair's direct conversation the first member calls Im's "
        + "`sendMessage` and waits for its ack (sent after the durable SQLite write), then sends again; the send-to-deliver latency runs from the call "
        + "to the peer's `message` event for that clientMsgId. Baseline: the bare SignalR hub over as many connections, the same closed loop calling "
        + "`Echo` with the same argument; its round trip stands in for delivery. Both servers run side by side as child processes, set up once, "
        + "and the runs alternate between them. Im's per-member and per-connection rate limits are lifted (they still run, they refuse nothing): "
        + "a closed loop sends far more than the 10 sends/s a connection may make, and the scenario measures the work behind a send, not its throttle.";

    public async Task<Comparison> RunAsync(CancellationToken cancellationToken)
    {
        var load = new LoadSettings(Pairs, Pairs, options.Warmup, options.Duration / options.Rounds, KeyChoice.OnePerWorker);
        await using var bare = await DirectPairs.StartBareAsync(servers, Pairs * 2, logged: false, progress, cancellationToken);
        var (im, conversations) = resumed
            ? await StartResumedAsync(cancellationToken)
            : await DirectPairs.StartImAsync(servers, Pairs, progress, cancellationToken, ChatServers.UnthrottledLimits);
        await using var imSide = im;
        var (baseline, subject) = DirectPairs.EchoAgainstSend(bare, im, conversations);
        var scenario = new ScenarioDefinition(Name, Description, load, baseline, subject);
        var measured = await new ComparisonRunner(options.Rounds, progress).RunAsync(scenario, cancellationToken);
        return Summarize(measured, [.. ChatSide.CpuFigures(bare, im, measured)], [.. bare.Notes(), .. im.Notes()]);
    }

    /// <summary>Im on data where each pair's conversation already holds <see cref="EarlierMessages"/> messages, started after writing them.</summary>
    private async Task<(ChatSide Side, string[] Conversations)> StartResumedAsync(CancellationToken cancellationToken)
    {
        var data = servers.NewDataDirectory();
        var (first, conversations) = await DirectPairs.StartImAsync(servers, Pairs, progress, cancellationToken, ChatServers.UnthrottledLimits, data);
        await using (first)
        {
            progress.WriteLine($"  Im: {EarlierMessages} messages in each conversation, then a restart");
            await Parallel.ForEachAsync(Enumerable.Range(0, Pairs), new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cancellationToken }, async (pair, _) =>
            {
                for (var message = 0; message < EarlierMessages; message++)
                {
                    await first.Connections[2 * pair].InvokeAsync("sendMessage", new ChatSend(conversations[pair], $"earlier-{pair}-{message}", Text));
                }
            });
        }

        return await DirectPairs.StartImAsync(servers, Pairs, progress, cancellationToken, ChatServers.UnthrottledLimits, data);
    }

    private static Comparison Summarize(Comparison measured, IReadOnlyList<Figure> cpu, IReadOnlyList<string> notes)
    {
        var echo = measured.Baseline!;
        var send = measured.Subject!;
        var delivered = send.Observed ?? new LatencyRecorder();
        Figure[] figures =
        [
            new("calls/s (bare: echo round trips; Im: durable sends acked)", echo.CallsPerSecond, send.CallsPerSecond),
            new("call p50 µs (echo round trip; sendMessage ack)", echo.P50Microseconds, send.P50Microseconds),
            new("call p99 µs", echo.P99Microseconds, send.P99Microseconds),
            new("send-to-deliver p50 µs (bare: echo round trip)", echo.P50Microseconds, delivered.PercentileMicroseconds(0.50)),
            new("send-to-deliver p95 µs", echo.P95Microseconds, delivered.PercentileMicroseconds(0.95)),
            new("send-to-deliver p99 µs", echo.P99Microseconds, delivered.PercentileMicroseconds(0.99)),
            new("peer deliveries/s", double.NaN, send.ObservedPerSecond),
            .. cpu,
        ];
        var ratio = send.CallsPerSecond / echo.CallsPerSecond;
        Goal[] goals =
        [
            new($"Im durable sends/s ≥ {Goal} × the bare hub's echo calls/s", double.IsFinite(ratio) && ratio >= Goal, $"{send.CallsPerSecond:N0} vs {echo.CallsPerSecond:N0} = {ratio:0.00} ×"),
        ];
        var errors = ScenarioResult.FailureNotes("call", echo, send);
        return measured.With(figures, goals, [.. errors, .. notes]);
    }
}
