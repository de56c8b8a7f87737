using Im.Bench.Cli;
using Im.Bench.Measurement;
using Im.Bench.Reports;

namespace Im.Bench.Scenarios;

/// <summary>
/// A set of scenarios run by one command (<c>Im.Bench actors</c>). Each scenario compares a
/// subject with a baseline measured in the same run, because on a shared machine only
/// ratios mean anything.
/// </summary>
public interface IScenarioGroup
{
    /// <summary>The command-line name, also used in the report's file name.</summary>
    string Name { get; }

    /// <summary>The report's heading.</summary>
    string Title { get; }

    /// <summary>Runs every scenario, writing progress as it goes; the results are in scenario order.</summary>
    Task<IReadOnlyList<Comparison>> RunAsync(BenchOptions options, TextWriter progress, CancellationToken cancellationToken);

    /// <summary>
    /// How the run was shaped (load, timing, the command line to repeat it), for the report's
    /// environment table. Asked after <see cref="RunAsync"/>, so it may tell what the run found out.
    /// </summary>
    IReadOnlyList<ReportRow> DescribeRun(BenchOptions options);
}
