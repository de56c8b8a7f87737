namespace Im.Hall.Statistics;

/// <summary>What a <see cref="HallStatisticsRow"/> describes.</summary>
public static class StatisticsScope
{
    public const string Queue = "queue";

    public const string Window = "window";
}
