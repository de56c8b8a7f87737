using Im.Hall.Halls;

namespace Im.Edge.Hall;

/// <summary>The hall's own date: queue days are keyed by it, never by the server's date.</summary>
internal static class HallDays
{
    public static DateOnly Today(HallInfo hall, TimeProvider time) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(hall.TimeZone)).DateTime);
}
