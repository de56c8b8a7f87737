namespace Im.Bench.Measurement;

/// <summary>
/// The outcome of a scenario: baseline and subject measured in the same process, or the
/// reason it was not run. Ratios are subject / baseline.
/// </summary>
public sealed class Comparison
{
    private Comparison(ScenarioDefinition scenario, ScenarioResult? baseline, ScenarioResult? subject, string? notRunReason)
    {
        Scenario = scenario;
        Baseline = baseline;
        Subject = subject;
        NotRunReason = notRunReason;
    }

    public ScenarioDefinition Scenario { get; }

    public ScenarioResult? Baseline { get; }

    public ScenarioResult? Subject { get; }

    public string? NotRunReason { get; }

    /// <summary>Above 1 the subject moves more calls per second than the baseline.</summary>
    public double ThroughputRatio => Ratio(r => r.CallsPerSecond);

    /// <summary>Above 1 the subject's median call is slower than the baseline's.</summary>
    public double P50Ratio => Ratio(r => r.P50Microseconds);

    public double P99Ratio => Ratio(r => r.P99Microseconds);

    public static Comparison Measured(ScenarioDefinition scenario, ScenarioResult baseline, ScenarioResult subject) =>
        new(scenario, baseline, subject, null);

    public static Comparison NotRun(ScenarioDefinition scenario, string reason) => new(scenario, null, null, reason);

    private double Ratio(Func<ScenarioResult, double> figure) =>
        Baseline is null || Subject is null ? double.NaN : figure(Subject) / figure(Baseline);
}
