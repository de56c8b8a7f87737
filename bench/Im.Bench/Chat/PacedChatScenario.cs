using Im.Bench.Cli;
using Im.Bench.Measurement;
using Im.Bench.Servers;

namespace Im.Bench.Chat;

/// <summary>
/// 1:1 chat at a fixed rate below what either server can take: the latency members see at
/// an ordinary load, and the CPU each server spends on it, where the saturated <c>direct</c>
/// scenario measures capacity and its latencies are mostly queueing.
/// </summary>
public sealed class PacedChatScenario(ChatServers servers, BenchOptions options, TextWriter progress)
{
    private int Pairs => options.Chat.Pairs;

    private double Rate => options.Chat.PacedRate;

    public string Name => $"1:1 chat at {Rate:N0} sends/s, {Pairs * 2:N0} connections";

    public string Description =>
        $"The pairs and servers of the 1:1 scenario, but paced instead of a closed loop: each of the {Pairs:N0} senders sends every {Pairs / Rate * 1000:0.#} ms, "
        + $"so both sides are offered {Rate:N0} calls a second. Subject: Im's `sendMessage`, timed to its ack (after the durable write) and to the peer's `message` event; "
        + "baseline: the bare hub's `Echo` of the same argument. A sender still waiting when its next send is due sends at once, and that call is timed from when it was due. "
        + "Im's rate limits are lifted as in the 1:1 scenario. The CPU figures say what each server spends on the same load.";

    public async Task<Comparison> RunAsync(CancellationToken cancellationToken)
    {
        var load = new LoadSettings(Pairs, Pairs, options.Warmup, options.Duration / options.Rounds, KeyChoice.OnePerWorker, Rate);
        await using var bare = await DirectPairs.StartBareAsync(servers, Pairs * 2, logged: false, progress, cancellationToken);
        var (im, conversations) = await DirectPairs.StartImAsync(servers, Pairs, progress, cancellationToken, ChatServers.UnthrottledLimits);
        await using var imSide = im;
        var (baseline, subject) = DirectPairs.EchoAgainstSend(bare, im, conversations);
        var scenario = new ScenarioDefinition(Name, Description, load, baseline, subject);
        var measured = await new ComparisonRunner(options.Rounds, progress).RunAsync(scenario, cancellationToken);
        var echo = measured.Baseline!;
        var send = measured.Subject!;
        var delivered = send.Observed ?? new LatencyRecorder();
        Figure[] figures =
        [
            new(FormattableString.Invariant($"calls/s (offered: {Rate:N0})"), echo.CallsPerSecond, send.CallsPerSecond),
            new("call p50 µs (echo round trip; sendMessage ack)", echo.P50Microseconds, send.P50Microseconds),
            new("call p99 µs", echo.P99Microseconds, send.P99Microseconds),
            new("send-to-deliver p50 µs (bare: echo round trip)", echo.P50Microseconds, delivered.PercentileMicroseconds(0.50)),
            new("send-to-deliver p99 µs", echo.P99Microseconds, delivered.PercentileMicroseconds(0.99)),
            .. ChatSide.CpuFigures(bare, im, measured),
        ];
        return measured.With(figures, notes: [.. ScenarioResult.FailureNotes("call", echo, send), .. bare.Notes(), .. im.Notes()]);
    }
}
