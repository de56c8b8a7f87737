namespace Im.Bench.Reports;

/// <summary>A line of a report's environment table: how the run was shaped, what it ran on.</summary>
public sealed record ReportRow(string Label, string Value);
