using Im.Bench.Chat;
using Im.Bench.Cli;
using Im.Bench.Measurement;

namespace Im.Bench.Hall;

/// <summary>Taking numbers: closed-loop takers, each waiting for its ticket before the next.</summary>
public sealed class TakeNumberScenario(BenchOptions options, HallSide bare, HallSide im, IReadOnlyList<string> queues)
{
    public ScenarioDefinition Definition => new(
        "taking numbers",
        $"Subject: `POST /api/halls/{{hallId}}/tickets` as a kiosk does it (anonymous walk-in, admin token), {options.Concurrency} closed-loop takers spread uniformly over {queues.Count} queues of one hall; "
        + "each answer comes after the queue day stored the ticket. Baseline: the bare hub's `POST /bench/tickets`, one row committed to SQLite with the same durability settings, same takers.",
        new LoadSettings(options.Concurrency, queues.Count, options.Warmup, options.Duration / options.Rounds),
        new LoadVariant("bare durable row", _ => Task.FromResult<ILoadTarget>(new ChatTarget(key => bare.TakeNumberAsync(queues[key]), bare.Side.Cpu))),
        new LoadVariant("Im take a number", _ => Task.FromResult<ILoadTarget>(new ChatTarget(key => im.TakeNumberAsync(queues[key]), im.Side.Cpu))));

    public Comparison Summarize(Comparison measured)
    {
        ArgumentNullException.ThrowIfNull(measured);
        if (measured.Baseline is null || measured.Subject is null)
        {
            return measured;
        }

        Figure[] figures = [new("tickets/s", measured.Baseline.CallsPerSecond, measured.Subject.CallsPerSecond), .. ChatSide.CpuFigures(bare.Side, im.Side, measured)];
        return measured.With(figures, notes: [.. ScenarioResult.FailureNotes("take a number", measured.Baseline, measured.Subject), .. bare.Side.Notes(), .. im.Side.Notes()]);
    }
}
