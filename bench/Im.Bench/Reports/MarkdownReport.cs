using System.Globalization;
using System.Text;
using Im.Bench.Measurement;

namespace Im.Bench.Reports;

/// <summary>Renders a report as Markdown: environment, a ratio summary, then each scenario's figures.</summary>
public static class MarkdownReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Render(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        Line(text, $"# Im bench: {report.Title}");
        Line(text);
        WriteEnvironment(text, report);
        WriteSummary(text, report.Comparisons);
        foreach (var comparison in report.Comparisons)
        {
            WriteScenario(text, comparison);
        }

        return text.ToString();
    }

    private static void WriteEnvironment(StringBuilder text, BenchReport report)
    {
        var options = report.Options;
        var settings = options.LoadSettings;
        Line(text, "## Environment");
        Line(text);
        Line(text, "| | |");
        Line(text, "|---|---|");
        Line(text, $"| Date (UTC) | {report.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", Invariant)} |");
        Line(text, $"| Cores | {report.Environment.Cores} |");
        Line(text, $"| OS | {report.Environment.Os} |");
        Line(text, $"| .NET | {report.Environment.Dotnet} |");
        Line(text, $"| GC | {report.Environment.Gc} |");
        Line(text, $"| Build | {report.Environment.Build} |");
        Line(text, $"| Load | {options.Concurrency} closed-loop workers, {options.Keys} keys unless stated |");
        Line(text, $"| Timing | per scenario: one unrecorded priming pass per side, then {options.Rounds} round(s) of (baseline, subject); every run is a fresh target, {Seconds(settings.Warmup)} s warm-up + {Seconds(settings.Duration)} s measured |");
        Line(text, $"| Command | `{report.Group} --duration {Seconds(options.Duration)} --warmup {Seconds(options.Warmup)} --rounds {options.Rounds} --concurrency {options.Concurrency} --keys {options.Keys}{(options.Postgres is null ? string.Empty : " --postgres …")}` |");
        Line(text);
    }

    private static void WriteSummary(StringBuilder text, IReadOnlyList<Comparison> comparisons)
    {
        Line(text, "## Summary");
        Line(text);
        Line(text, "Ratios are subject / baseline. Throughput above 1 means the subject moves more calls; latency above 1 means its calls take longer. Latencies in microseconds.");
        Line(text);
        Line(text, "| Scenario | Baseline calls/s | Subject calls/s | Throughput ratio | Baseline p50 | Subject p50 | p50 ratio | Baseline p99 | Subject p99 | p99 ratio |");
        Line(text, "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var c in comparisons)
        {
            if (c.Baseline is null || c.Subject is null)
            {
                Line(text, $"| {c.Scenario.Name} | {c.NotRunReason} | | | | | | | | |");
                continue;
            }

            Line(text, $"| {c.Scenario.Name} | {Rate(c.Baseline)} | {Rate(c.Subject)} | {Ratio(c.ThroughputRatio)} | {Micros(c.Baseline.P50Microseconds)} | {Micros(c.Subject.P50Microseconds)} | {Ratio(c.P50Ratio)} | {Micros(c.Baseline.P99Microseconds)} | {Micros(c.Subject.P99Microseconds)} | {Ratio(c.P99Ratio)} |");
        }

        Line(text);
    }

    private static void WriteScenario(StringBuilder text, Comparison comparison)
    {
        var scenario = comparison.Scenario;
        Line(text, $"## {scenario.Name}");
        Line(text);
        Line(text, scenario.Description);
        Line(text);
        if (comparison.Baseline is null || comparison.Subject is null)
        {
            Line(text, $"Not run: {comparison.NotRunReason}.");
            Line(text);
            return;
        }

        Line(text, $"{scenario.Settings.Concurrency} workers over {scenario.Settings.Keys} key(s).");
        Line(text);
        Line(text, "| Variant | Calls | Calls/s | p50 µs | p95 µs | p99 µs | max µs | Errors |");
        Line(text, "|---|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var (role, result) in new[] { ("baseline", comparison.Baseline), ("subject", comparison.Subject) })
        {
            Line(text, $"| {role}: {result.Name} | {result.Calls.ToString("N0", Invariant)} | {Rate(result)} | {Micros(result.P50Microseconds)} | {Micros(result.P95Microseconds)} | {Micros(result.P99Microseconds)} | {Micros(result.Latency.MaxMicroseconds)} | {result.Latency.Errors.ToString(Invariant)} |");
        }

        Line(text);
        foreach (var result in new[] { comparison.Baseline, comparison.Subject }.Where(r => r.Latency.FirstError is not null))
        {
            Line(text, $"First error of {result.Name}: `{result.Latency.FirstError}`");
            Line(text);
        }

        Line(text, $"Ratios: throughput {Ratio(comparison.ThroughputRatio)}, p50 {Ratio(comparison.P50Ratio)}, p99 {Ratio(comparison.P99Ratio)}.");
        Line(text);
    }

    private static string Rate(ScenarioResult result) => result.CallsPerSecond.ToString("N0", Invariant);

    // One decimal where it still means something; whole microseconds above.
    private static string Micros(double value) => value.ToString(value < 100 ? "N1" : "N0", Invariant);

    private static string Ratio(double value) => value.ToString("0.00", Invariant);

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.##", Invariant);

    private static void Line(StringBuilder text, string line = "") => text.Append(line).Append('\n');
}
