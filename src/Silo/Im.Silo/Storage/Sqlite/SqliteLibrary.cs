using SQLitePCL;

namespace Im.Silo.Storage.Sqlite;

/// <summary>
/// Settings of the SQLite library for the whole process, made once, before its first
/// connection: <see cref="SqliteDatabase"/> asks for them before it opens any.
/// </summary>
/// <remarks>
/// <para>Memory statistics off. The bundled library keeps them on by default, and then every
/// allocation and release it makes takes one process-wide mutex to count the bytes. Its
/// connections allocate all the time (parsing statements, pages, rows), so threads using
/// different connections queue on that one lock: under eight concurrent readers a profile
/// spent a fifth of the process's time locking, waking and waiting on mutexes, and reads by
/// key ran two to four times as fast without the statistics (bench/README.md, "Session 21").
/// Nothing here reads them: they serve <c>sqlite3_memory_used</c> and a soft heap limit, which
/// Im does not use.</para>
/// <para>The library accepts the setting only before it initializes, which its first
/// connection does. If something in the process opened one earlier, the statistics stay on:
/// slower, never wrong.</para>
/// </remarks>
internal static class SqliteLibrary
{
    // SQLITE_CONFIG_MEMSTATUS from sqlite3.h; SQLitePCL.raw has no constant for it.
    private const int ConfigMemoryStatistics = 9;

    private static readonly Lazy<bool> Configured = new(TurnStatisticsOff);

    /// <summary>Makes the settings if no connection came first; true when memory statistics are off.</summary>
    public static bool Configure() => Configured.Value;

    private static bool TurnStatisticsOff()
    {
        Batteries_V2.Init();
        return raw.sqlite3_config(ConfigMemoryStatistics, 0) == raw.SQLITE_OK;
    }
}
