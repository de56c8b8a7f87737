using Im.Hall.Statistics;

namespace Im.Edge.Hall;

/// <summary>A row of the day's statistics as JSON: the CSV's columns, durations in seconds (null: nothing to measure).</summary>
public sealed record StatisticsRowView(
    string Scope,
    string Id,
    int? Issued,
    int Called,
    int Served,
    int Skipped,
    int Transferred,
    double? WaitAvgSeconds,
    double? WaitP90Seconds,
    double? ServiceAvgSeconds,
    double? ServiceP90Seconds,
    int VerySatisfied,
    int Satisfied,
    int Unsatisfied)
{
    public static StatisticsRowView From(HallStatisticsRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(
            row.Scope, row.Id, row.Issued, row.Called, row.Served, row.Skipped, row.Transferred,
            Seconds(row.WaitAverage), Seconds(row.WaitP90), Seconds(row.ServiceAverage), Seconds(row.ServiceP90),
            row.VerySatisfied, row.Satisfied, row.Unsatisfied);
    }

    private static double? Seconds(TimeSpan? value) => value is { } span ? Math.Round(span.TotalSeconds, 3) : null;
}
