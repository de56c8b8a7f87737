using Im.Bench.Cli;
using Im.Bench.Measurement;

namespace Im.Bench.Reports;

/// <summary>Everything one invocation produced: what ran, where, with which settings, and the results.</summary>
public sealed record BenchReport(
    string Group,
    string Title,
    DateTimeOffset StartedAt,
    BenchOptions Options,
    EnvironmentInfo Environment,
    IReadOnlyList<Comparison> Comparisons);
