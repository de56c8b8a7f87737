using Im.Bench.Chat;
using Im.Bench.Cli;
using Im.Bench.Measurement;

namespace Im.Bench.Hall;

/// <summary>
/// Windows calling the next ticket while screens watch: how long from the call to each
/// screen showing it, and how many calls the hall moves.
/// </summary>
public sealed class CallNextScenario(BenchOptions options, HallSide bare, HallSide im)
{
    private HallBenchOptions Hall => options.Hall;

    public ScenarioDefinition Definition => new(
        $"call-next to {Hall.Screens:N0} screens",
        $"Subject: {Hall.Windows} windows of one Im hall, each with its own queue of waiting tickets, call `POST .../windows/{{windowId}}/call-next` in a closed loop; "
        + $"{Hall.Screens:N0} screen connections (each its own registered screen and token) are subscribed to the hall on `/hubs/hall`. A window's next call starts only when "
        + "every screen has received its `ticketCalled`, so a screen's event always belongs to its window's current call; a delivery's latency runs from the start of the call. "
        + $"Baseline: the bare hub with {Hall.Screens:N0} connections in one group; its `POST /bench/calls` commits one SQLite row and sends a Call-shaped `ticketCalled` to the group, in the same loop.",
        new LoadSettings(Hall.Windows, Hall.Windows, options.Warmup, options.Duration / options.Rounds, KeyChoice.OnePerWorker),
        new LoadVariant("bare row + group send", _ => Task.FromResult<ILoadTarget>(new ChatTarget(bare.CallNextAsync, bare.Side.Cpu, bare.Calls.Deliveries))),
        new LoadVariant("Im call-next", _ => Task.FromResult<ILoadTarget>(new ChatTarget(im.CallNextAsync, im.Side.Cpu, im.Calls.Deliveries))));

    public Comparison Summarize(Comparison measured)
    {
        ArgumentNullException.ThrowIfNull(measured);
        if (measured.Baseline is null || measured.Subject is null)
        {
            return measured;
        }

        var bareScreens = measured.Baseline.Observed ?? new LatencyRecorder();
        var imScreens = measured.Subject.Observed ?? new LatencyRecorder();
        Figure[] figures =
        [
            new("calls/s", measured.Baseline.CallsPerSecond, measured.Subject.CallsPerSecond),
            new("screen deliveries/s", measured.Baseline.ObservedPerSecond, measured.Subject.ObservedPerSecond),
            new("deliveries per call", bareScreens.Count / (double)measured.Baseline.Calls, imScreens.Count / (double)measured.Subject.Calls),
            new("call-to-screen p50 µs", bareScreens.PercentileMicroseconds(0.50), imScreens.PercentileMicroseconds(0.50)),
            new("call-to-screen p95 µs", bareScreens.PercentileMicroseconds(0.95), imScreens.PercentileMicroseconds(0.95)),
            new("call-to-screen p99 µs", bareScreens.PercentileMicroseconds(0.99), imScreens.PercentileMicroseconds(0.99)),
            .. ChatSide.CpuFigures(bare.Side, im.Side, measured),
        ];
        return measured.With(figures, notes: [.. ScenarioResult.FailureNotes("call-next", measured.Baseline, measured.Subject)]);
    }
}
