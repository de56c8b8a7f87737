namespace Im.Bench.Measurement;

/// <summary>A scenario to measure: the baseline and the subject under the same load.</summary>
public sealed record ScenarioDefinition(
    string Name,
    string Description,
    LoadSettings Settings,
    LoadVariant Baseline,
    LoadVariant Subject);
