using Im.Bench.Cli;
using Im.Bench.Measurement;
using Im.Bench.Servers;

namespace Im.Bench.Chat;

/// <summary>
/// What the frames of a 1:1 send cost a hub that does nothing else: the bare hub relaying each
/// message to the pair's two connections, against its own echo. The 1:1 goal compares Im with
/// the echo; this says how much of the gap the protocol's shape alone makes.
/// </summary>
/// <remarks>
/// An echo is one frame in and one out on one connection. A 1:1 send is one frame in and
/// frames out on two connections: the sender's (the answer and its own copy) and the peer's,
/// which the peer's client must read too. Im's sends over this relay's calls is the
/// <c>direct</c> scenario's ratio divided by this one's, both measured against the echo.
/// </remarks>
public sealed class RelayChatScenario(ChatServers servers, BenchOptions options, TextWriter progress)
{
    private int Pairs => options.Chat.Pairs;

    public string Name => $"1:1 frames on the bare hub, {Pairs * 2:N0} connections";

    public string Description =>
        $"Two bare SignalR hubs side by side, each with {Pairs:N0} pairs of connections. Baseline: the `Echo` of the 1:1 scenario. "
        + "Subject: each pair's two connections are in a group of their own, and the first calls the hub's `Send` to that group in a closed loop, "
        + "with the argument of Im's `sendMessage`: the hub stores nothing, checks nothing and writes the message to both connections, "
        + "then answers. The send-to-deliver latency runs from the call to the peer's `message` event. "
        + "These are the frames of Im's 1:1 send without anything Im does behind them; read the ratio next to the 1:1 scenario's.";

    public async Task<Comparison> RunAsync(CancellationToken cancellationToken)
    {
        var load = new LoadSettings(Pairs, Pairs, options.Warmup, options.Duration / options.Rounds, KeyChoice.OnePerWorker);
        await using var echo = await DirectPairs.StartBareAsync(servers, Pairs * 2, logged: false, progress, cancellationToken);
        await using var relay = await DirectPairs.StartBarePairsAsync(servers, Pairs, progress, cancellationToken);
        var scenario = new ScenarioDefinition(Name, Description, load, DirectPairs.Echo(echo, Pairs), DirectPairs.Relay(relay, Pairs));
        var measured = await new ComparisonRunner(options.Rounds, progress).RunAsync(scenario, cancellationToken);
        var echoes = measured.Baseline!;
        var relays = measured.Subject!;
        var delivered = relays.Observed ?? new LatencyRecorder();
        Figure[] figures =
        [
            new("calls/s (echo round trips; relays answered)", echoes.CallsPerSecond, relays.CallsPerSecond),
            new("call p50 µs", echoes.P50Microseconds, relays.P50Microseconds),
            new("call p99 µs", echoes.P99Microseconds, relays.P99Microseconds),
            new("send-to-deliver p50 µs (echo: round trip)", echoes.P50Microseconds, delivered.PercentileMicroseconds(0.50)),
            new("send-to-deliver p99 µs", echoes.P99Microseconds, delivered.PercentileMicroseconds(0.99)),
            new("peer deliveries/s", double.NaN, relays.ObservedPerSecond),
            .. ChatSide.CpuFigures(echo, relay, measured),
        ];
        return measured.With(figures, notes: [.. ScenarioResult.FailureNotes("call", echoes, relays), .. echo.Notes(), .. relay.Notes()]);
    }

    /// <summary>
    /// The relay's result with a note of Im's 1:1 sends over the relay's calls, when the 1:1
    /// scenario ran in the same report: its ratio to the echo over this one's.
    /// </summary>
    public static Comparison WithImAgainstRelay(Comparison relay, Comparison? direct)
    {
        ArgumentNullException.ThrowIfNull(relay);
        if (direct is null || !double.IsFinite(direct.ThroughputRatio) || !double.IsFinite(relay.ThroughputRatio))
        {
            return relay;
        }

        var imOverRelay = direct.ThroughputRatio / relay.ThroughputRatio;
        return relay.With(notes: [FormattableString.Invariant(
            $"Im's durable 1:1 sends/s over this relay's calls/s, each against the echo of its own scenario: {direct.ThroughputRatio:0.00} / {relay.ThroughputRatio:0.00} = {imOverRelay:0.00}.")]);
    }
}
