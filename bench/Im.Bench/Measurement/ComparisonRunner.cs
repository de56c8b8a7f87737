namespace Im.Bench.Measurement;

/// <summary>
/// Measures a scenario's baseline and subject alternately (baseline, subject, baseline,
/// subject...) in this process, so that noise from a shared machine falls on both.
/// </summary>
public sealed class ComparisonRunner
{
    // A target that cannot shut down (a grain that never deactivates) fails the run instead of hanging it.
    private static readonly TimeSpan DisposeLimit = TimeSpan.FromSeconds(60);

    private readonly int _rounds;
    private readonly TextWriter _progress;

    public ComparisonRunner(int rounds, TextWriter progress)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        ArgumentNullException.ThrowIfNull(progress);
        _rounds = rounds;
        _progress = progress;
    }

    /// <summary>Each round measures <see cref="LoadSettings.Duration"/> per side; the rounds are merged.</summary>
    public async Task<Comparison> RunAsync(ScenarioDefinition scenario, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        _progress.WriteLine($"{scenario.Name}");

        // One unrecorded pass of each side first: code both share (store adapters, JSON)
        // is compiled and tiered up before anything counts, so running first costs nothing.
        await RunOnceAsync(scenario, scenario.Baseline, 0, cancellationToken);
        await RunOnceAsync(scenario, scenario.Subject, 0, cancellationToken);

        ScenarioResult? baseline = null;
        ScenarioResult? subject = null;
        for (var round = 1; round <= _rounds; round++)
        {
            baseline = ScenarioResult.Combine(baseline, await RunOnceAsync(scenario, scenario.Baseline, round, cancellationToken));
            subject = ScenarioResult.Combine(subject, await RunOnceAsync(scenario, scenario.Subject, round, cancellationToken));
        }

        return Comparison.Measured(scenario, baseline!, subject!);
    }

    /// <summary>Round 0 is the priming pass: warm-up only, nothing measured or reported.</summary>
    private async Task<ScenarioResult> RunOnceAsync(ScenarioDefinition scenario, LoadVariant variant, int round, CancellationToken cancellationToken)
    {
        // Garbage left by the previous run is collected now, not during this one.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        var target = await variant.CreateAsync(cancellationToken);
        try
        {
            var settings = round == 0 ? scenario.Settings with { Duration = TimeSpan.Zero } : scenario.Settings;
            var result = await LoadRunner.RunAsync(variant.Name, target, settings, round, cancellationToken);
            if (round == 0)
            {
                return result;
            }

            _progress.WriteLine(FormattableString.Invariant(
                $"  round {round}/{_rounds} {variant.Name,-22} {result.CallsPerSecond,12:N0} calls/s  p50 {result.P50Microseconds,10:N1} us  p99 {result.P99Microseconds,10:N1} us  errors {result.Latency.Errors}"));
            return result;
        }
        finally
        {
            await DisposeAsync(variant, target);
        }
    }

    private static async Task DisposeAsync(LoadVariant variant, ILoadTarget target)
    {
        try
        {
            await target.DisposeAsync().AsTask().WaitAsync(DisposeLimit);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"{variant.Name} did not shut down within {DisposeLimit.TotalSeconds} s");
        }
    }
}
