namespace Im.Hall.Statistics;

/// <summary>A hall's figures for one day of its own time zone: a row per queue, then a row per window.</summary>
public sealed record HallDayStatistics(string HallId, DateOnly Day, IReadOnlyList<HallStatisticsRow> Queues, IReadOnlyList<HallStatisticsRow> Windows)
{
    public IEnumerable<HallStatisticsRow> Rows => Queues.Concat(Windows);
}
