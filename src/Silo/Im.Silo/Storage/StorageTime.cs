namespace Im.Silo.Storage;

/// <summary>
/// How the adapters store instants: UTC, whole microseconds. Microseconds are PostgreSQL's
/// timestamptz precision; SQLite is held to the same so both adapters return equal values.
/// </summary>
internal static class StorageTime
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMicrosecond;

    public static DateTimeOffset Normalize(DateTimeOffset value)
    {
        var ticks = value.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TicksPerMicrosecond), TimeSpan.Zero);
    }

    public static long ToUnixMicroseconds(DateTimeOffset value) =>
        (Normalize(value).UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TicksPerMicrosecond;

    public static DateTimeOffset FromUnixMicroseconds(long microseconds) =>
        new(DateTimeOffset.UnixEpoch.UtcTicks + (microseconds * TicksPerMicrosecond), TimeSpan.Zero);
}
