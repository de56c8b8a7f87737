using Im.Bench.Cli;
using Im.Bench.Measurement;

namespace Im.Bench.Reports;

/// <summary>
/// Everything one invocation produced: what ran, where, with which settings, and the
/// results. <c>Run</c> is the group's own account of the run (load, timing, command line, servers).
/// </summary>
public sealed record BenchReport(
    string Group,
    string Title,
    DateTimeOffset StartedAt,
    BenchOptions Options,
    EnvironmentInfo Environment,
    IReadOnlyList<ReportRow> Run,
    IReadOnlyList<Comparison> Comparisons);
