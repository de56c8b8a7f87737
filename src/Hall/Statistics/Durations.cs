namespace Im.Hall.Statistics;

/// <summary>Summaries of a set of durations; null for an empty set.</summary>
public static class Durations
{
    public static TimeSpan? Average(IReadOnlyCollection<TimeSpan> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Count == 0 ? null : TimeSpan.FromTicks((long)values.Average(v => (decimal)v.Ticks));
    }

    /// <summary>
    /// The nearest-rank percentile: the smallest value such that at least
    /// <paramref name="percent"/>% of the values are at or below it. Always one of the
    /// values, never an interpolation, so a reader can find it in the raw data.
    /// </summary>
    public static TimeSpan? Percentile(IReadOnlyCollection<TimeSpan> values, int percent)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(percent, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
