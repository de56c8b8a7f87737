namespace Im.Bench.Measurement;

/// <summary>What one variant did over its measured time (all rounds merged).</summary>
public sealed class ScenarioResult
{
    public ScenarioResult(string name, LatencyRecorder latency, TimeSpan elapsed, LatencyRecorder? observed = null)
    {
        ArgumentNullException.ThrowIfNull(latency);
        Name = name;
        Latency = latency;
        Elapsed = elapsed;
        Observed = observed;
    }

    public string Name { get; }

    public LatencyRecorder Latency { get; }

    /// <summary>Measured time; warm-up excluded.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Events an <see cref="IObservedLoadTarget"/> saw in the window (deliveries), with their latency from the causing call's start.</summary>
    public LatencyRecorder? Observed { get; }

    public long Calls => Latency.Count;

    public double ObservedPerSecond => Observed is not null && Elapsed > TimeSpan.Zero ? Observed.Count / Elapsed.TotalSeconds : double.NaN;

    public double CallsPerSecond => Elapsed > TimeSpan.Zero ? Calls / Elapsed.TotalSeconds : double.NaN;

    /// <summary>Report notes for the runs that had failures: how many, and the first error.</summary>
    public static IEnumerable<string> FailureNotes(string what, params ScenarioResult[] results) =>
        results.Where(r => r.Latency.Errors > 0).Select(r => $"{r.Name}: {r.Latency.Errors:N0} failed {what}(s), first `{r.Latency.FirstError}`");

    public double P50Microseconds => Latency.PercentileMicroseconds(0.50);

    public double P95Microseconds => Latency.PercentileMicroseconds(0.95);

    public double P99Microseconds => Latency.PercentileMicroseconds(0.99);

    /// <summary>Both runs as one: calls and time add up, latencies merge.</summary>
    public static ScenarioResult Combine(ScenarioResult? earlier, ScenarioResult later)
    {
        ArgumentNullException.ThrowIfNull(later);
        if (earlier is null)
        {
            return later;
        }

        return new ScenarioResult(later.Name, Merge(earlier.Latency, later.Latency)!, earlier.Elapsed + later.Elapsed, Merge(earlier.Observed, later.Observed));
    }

    private static LatencyRecorder? Merge(LatencyRecorder? earlier, LatencyRecorder? later)
    {
        if (earlier is null && later is null)
        {
            return null;
        }

        var merged = new LatencyRecorder();
        foreach (var part in new[] { earlier, later })
        {
            if (part is not null)
            {
                merged.Add(part);
            }
        }

        return merged;
    }
}
