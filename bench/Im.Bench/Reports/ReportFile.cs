using System.Globalization;

namespace Im.Bench.Reports;

/// <summary>Writes a report as <c>&lt;group&gt;-&lt;yyyyMMdd-HHmmss&gt;.md</c>, stamped with the run's start (UTC).</summary>
public static class ReportFile
{
    public static async Task<string> WriteAsync(string directory, BenchReport report, string markdown, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(directory);
        var stamp = report.StartedAt.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var path = Path.GetFullPath(Path.Combine(directory, $"{report.Group}-{stamp}.md"));
        await File.WriteAllTextAsync(path, markdown, cancellationToken);
        return path;
    }
}
