namespace Im.Bench.Measurement;

/// <summary>What one variant did over its measured time (all rounds merged).</summary>
public sealed class ScenarioResult
{
    public ScenarioResult(string name, LatencyRecorder latency, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(latency);
        Name = name;
        Latency = latency;
        Elapsed = elapsed;
    }

    public string Name { get; }

    public LatencyRecorder Latency { get; }

    /// <summary>Measured time; warm-up excluded.</summary>
    public TimeSpan Elapsed { get; }

    public long Calls => Latency.Count;

    public double CallsPerSecond => Elapsed > TimeSpan.Zero ? Calls / Elapsed.TotalSeconds : double.NaN;

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

        var latency = new LatencyRecorder();
        latency.Add(earlier.Latency);
        latency.Add(later.Latency);
        return new ScenarioResult(later.Name, latency, earlier.Elapsed + later.Elapsed);
    }
}
