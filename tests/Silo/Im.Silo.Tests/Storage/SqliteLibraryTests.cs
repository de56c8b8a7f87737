using System.Runtime.CompilerServices;
using Im.Silo.Storage.Sqlite;
using SQLitePCL;
using static Im.Silo.Tests.Storage.SqliteFiles;

namespace Im.Silo.Tests.Storage;

/// <summary>The SQLite library as a node runs it (<see cref="SqliteLibrary"/>).</summary>
public sealed class SqliteLibraryTests(SqliteStorageFixture fixture) : IClassFixture<SqliteStorageFixture>
{
    // SQLITE_STATUS_MEMORY_USED from sqlite3.h.
    private const int MemoryUsed = 0;

    [Fact]
    public async Task MemoryStatisticsAreOffSoConnectionsShareNoLockToCountTheirBytes()
    {
        Assert.True(SqliteLibrary.Configure());
        using var database = await OpenAsync(fixture.DirectoryFor(Guid.NewGuid().ToString("N")));
        var history = new SqliteMessageHistoryStore(database);
        await history.AppendAsync([Text("counted", 1, "one")], TestContext.Current.CancellationToken);
        Assert.Single(await history.ReadAfterAsync("counted", 0, long.MaxValue, 10, TestContext.Current.CancellationToken));

        // With the statistics on, the library counts every byte its open connections hold.
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_status(MemoryUsed, out var current, out var highest, 0));
        Assert.Equal((0, 0), (current, highest));
    }

    /// <summary>
    /// The library's settings before anything in this process opens a connection, as a node makes
    /// them: some tests read the files from outside with connections of their own first.
    /// </summary>
    [ModuleInitializer]
    internal static void ConfigureLibraryFirst() => SqliteLibrary.Configure();
}
