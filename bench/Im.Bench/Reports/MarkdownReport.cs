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
        if (report.Comparisons.Any(c => c.Figures.Count > 0))
        {
            WriteFigureSummary(text, report.Comparisons);
        }
        else
        {
            WriteSummary(text, report.Comparisons);
        }

        foreach (var comparison in report.Comparisons)
        {
            WriteScenario(text, comparison);
        }

        return text.ToString();
    }

    /// <summary>A figure as the reports write it: one decimal while it still means something, whole numbers above.</summary>
    public static string Number(double value) =>
        double.IsNaN(value) ? "—" : value.ToString(Math.Abs(value) < 100 ? "N1" : "N0", Invariant);

    public static string Ratio(double value) => double.IsNaN(value) || double.IsInfinity(value) ? "—" : value.ToString("0.00", Invariant);

    public static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.##", Invariant);

    private static void WriteEnvironment(StringBuilder text, BenchReport report)
    {
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
        foreach (var row in report.Run)
        {
            Line(text, $"| {row.Label} | {row.Value} |");
        }

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
                Line(text, $"| {c.Name} | {c.NotRunReason} | | | | | | | | |");
                continue;
            }

            Line(text, $"| {c.Name} | {Rate(c.Baseline)} | {Rate(c.Subject)} | {Ratio(c.ThroughputRatio)} | {Number(c.Baseline.P50Microseconds)} | {Number(c.Subject.P50Microseconds)} | {Ratio(c.P50Ratio)} | {Number(c.Baseline.P99Microseconds)} | {Number(c.Subject.P99Microseconds)} | {Ratio(c.P99Ratio)} |");
        }

        Line(text);
    }

    private static void WriteFigureSummary(StringBuilder text, IReadOnlyList<Comparison> comparisons)
    {
        Line(text, "## Summary");
        Line(text);
        Line(text, "Ratios are subject / baseline, both measured in this run. Latencies in microseconds.");
        Line(text);
        Line(text, "| Scenario | Figure | Baseline | Subject | Ratio |");
        Line(text, "|---|---|--:|--:|--:|");
        foreach (var c in comparisons)
        {
            if (c.NotRunReason is not null)
            {
                Line(text, $"| {c.Name} | not run: {c.NotRunReason} | | | |");
                continue;
            }

            foreach (var figure in c.Figures)
            {
                Line(text, $"| {c.Name} | {figure.Name} | {Number(figure.Baseline)} | {Number(figure.Subject)} | {Ratio(figure.Ratio)} |");
            }
        }

        Line(text);
        var goals = comparisons.SelectMany(c => c.Goals.Select(g => (c.Name, Goal: g))).ToList();
        if (goals.Count > 0)
        {
            Line(text, "| Scenario | Goal | Measured | Met |");
            Line(text, "|---|---|---|---|");
            foreach (var (name, goal) in goals)
            {
                Line(text, $"| {name} | {goal.Statement} | {goal.Evidence} | {(goal.Met ? "yes" : "**no**")} |");
            }

            Line(text);
        }
    }

    private static void WriteScenario(StringBuilder text, Comparison comparison)
    {
        Line(text, $"## {comparison.Name}");
        Line(text);
        Line(text, comparison.Description);
        Line(text);
        if (comparison.NotRunReason is not null)
        {
            Line(text, $"Not run: {comparison.NotRunReason}.");
            Line(text);
            WriteNotes(text, comparison);
            return;
        }

        if (comparison.Baseline is { } baseline && comparison.Subject is { } subject)
        {
            WriteCalls(text, comparison, baseline, subject);
        }

        if (comparison.Figures.Count > 0)
        {
            Line(text, "| Figure | Baseline | Subject | Ratio |");
            Line(text, "|---|--:|--:|--:|");
            foreach (var figure in comparison.Figures)
            {
                Line(text, $"| {figure.Name} | {Number(figure.Baseline)} | {Number(figure.Subject)} | {Ratio(figure.Ratio)} |");
            }

            Line(text);
        }

        foreach (var goal in comparison.Goals)
        {
            Line(text, $"Goal: {goal.Statement}. Measured: {goal.Evidence}. {(goal.Met ? "Met." : "**Not met.**")}");
            Line(text);
        }

        WriteNotes(text, comparison);
    }

    private static void WriteCalls(StringBuilder text, Comparison comparison, ScenarioResult baseline, ScenarioResult subject)
    {
        if (comparison.Settings is { } settings)
        {
            var pace = settings.CallsPerSecond is { } rate ? $", paced at {Number(rate)} calls/s together" : ", closed loop";
            Line(text, $"{settings.Concurrency} workers over {settings.Keys} key(s){pace}.");
            Line(text);
        }

        var observed = baseline.Observed is not null || subject.Observed is not null;
        Line(text, $"| Variant | Calls | Calls/s | p50 µs | p95 µs | p99 µs | max µs | Errors |{(observed ? " Deliveries | Deliveries/s | delivery p50 µs | delivery p95 µs | delivery p99 µs |" : string.Empty)}");
        Line(text, $"|---|--:|--:|--:|--:|--:|--:|--:|{(observed ? "--:|--:|--:|--:|--:|" : string.Empty)}");
        foreach (var (role, result) in new[] { ("baseline", baseline), ("subject", subject) })
        {
            var events = result.Observed;
            var deliveries = events is null
                ? (observed ? " — | — | — | — | — |" : string.Empty)
                : $" {events.Count.ToString("N0", Invariant)} | {Number(result.ObservedPerSecond)} | {Number(events.PercentileMicroseconds(0.50))} | {Number(events.PercentileMicroseconds(0.95))} | {Number(events.PercentileMicroseconds(0.99))} |";
            Line(text, $"| {role}: {result.Name} | {result.Calls.ToString("N0", Invariant)} | {Rate(result)} | {Number(result.P50Microseconds)} | {Number(result.P95Microseconds)} | {Number(result.P99Microseconds)} | {Number(result.Latency.MaxMicroseconds)} | {result.Latency.Errors.ToString(Invariant)} |{deliveries}");
        }

        Line(text);
        foreach (var result in new[] { baseline, subject }.Where(r => r.Latency.FirstError is not null))
        {
            Line(text, $"First error of {result.Name}: `{result.Latency.FirstError}`");
            Line(text);
        }

        if (comparison.Figures.Count == 0)
        {
            Line(text, $"Ratios: throughput {Ratio(comparison.ThroughputRatio)}, p50 {Ratio(comparison.P50Ratio)}, p99 {Ratio(comparison.P99Ratio)}.");
            Line(text);
        }
    }

    private static void WriteNotes(StringBuilder text, Comparison comparison)
    {
        foreach (var note in comparison.Notes)
        {
            Line(text, $"- {note}");
        }

        if (comparison.Notes.Count > 0)
        {
            Line(text);
        }
    }

    private static string Rate(ScenarioResult result) => result.CallsPerSecond.ToString("N0", Invariant);

    private static void Line(StringBuilder text, string line = "") => text.Append(line).Append('\n');
}
