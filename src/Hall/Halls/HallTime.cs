namespace Im.Hall.Halls;

/// <summary>
/// The hall's local time. A hall's day, its ticket numbering, opening hours and statistics
/// follow its own time zone, never the server's, so callers (the edge included) address
/// today's queue day with <see cref="DayOf(HallInfo, DateTimeOffset)"/>.
/// </summary>
public static class HallTime
{
    public static TimeZoneInfo Zone(string timeZone) => TimeZoneInfo.FindSystemTimeZoneById(timeZone);

    /// <summary>The hall's local date at <paramref name="instant"/>.</summary>
    public static DateOnly DayOf(HallInfo hall, DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(hall);
        return DateOnly.FromDateTime(Local(hall.TimeZone, instant).DateTime);
    }

    public static DateTimeOffset Local(string timeZone, DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, Zone(timeZone));

    /// <summary>Whether the local time of <paramref name="instant"/> falls in a period (no periods: always open).</summary>
    public static bool IsOpen(HallInfo hall, IReadOnlyList<OpeningHours>? periods, DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(hall);
        if (periods is null || periods.Count == 0)
        {
            return true;
        }

        var now = TimeOnly.FromDateTime(Local(hall.TimeZone, instant).DateTime);
        return periods.Any(p => HallInput.TryParseTime(p.From, out var from) && HallInput.TryParseTime(p.To, out var to) && now >= from && now < to);
    }

    /// <summary>The instants at which the hall's local <paramref name="day"/> starts and ends (the next day's start).</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Bounds(HallInfo hall, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(hall);
        var zone = Zone(hall.TimeZone);
        return (StartOf(zone, day), StartOf(zone, day.AddDays(1)));
    }

    private static DateTimeOffset StartOf(TimeZoneInfo zone, DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);

        // A midnight skipped by a daylight-saving jump starts the day at the first valid minute.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
