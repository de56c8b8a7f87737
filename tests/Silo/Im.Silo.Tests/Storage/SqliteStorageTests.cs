using Im.Silo.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Im.Silo.Tests.Storage;

public sealed class SqliteStorageTests : StorageBehaviourTests, IClassFixture<SqliteStorageFixture>
{
    private readonly SqliteStorageFixture _fixture;

    public SqliteStorageTests(SqliteStorageFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task TheFileUsesWriteAheadLogging()
    {
        await using var storage = await OpenAsync();

        await using var connection = OpenRaw(MainDatabase);
        Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode;"));
        Assert.True(File.Exists(Path.Combine(_fixture.DirectoryFor(MainDatabase), SqliteDatabase.FileName)));
    }

    protected override async Task<StorageUnderTest> OpenAsync(string database, bool initialize)
    {
        var sqlite = new SqliteDatabase(_fixture.DirectoryFor(database));
        var storage = new StorageUnderTest(
            new SqliteGrainStateStore(sqlite),
            new SqliteReminderStore(sqlite),
            new SqliteMessageHistoryStore(sqlite),
            new SqliteReviewAuditLog(sqlite),
            new SqliteFileMetadataStore(sqlite),
            new SqliteMessageSearch(sqlite),
            new SqliteTicketStore(sqlite),
            cancellationToken => sqlite.InitializeAsync(applySchema: true, cancellationToken),
            () =>
            {
                sqlite.Dispose();
                return ValueTask.CompletedTask;
            },
            cancellationToken => WriteHold.SqliteAsync(sqlite, cancellationToken));
        if (initialize)
        {
            await storage.InitializeAsync(Cancellation);
        }

        return storage;
    }

    protected override async Task<IReadOnlyList<string>> ReadAppliedScriptsAsync(string database)
    {
        await using var connection = OpenRaw(database);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT file_name FROM schema_migrations ORDER BY file_name";
        await using var reader = await command.ExecuteReaderAsync(Cancellation);
        var files = new List<string>();
        while (await reader.ReadAsync(Cancellation))
        {
            files.Add(reader.GetString(0));
        }

        return files;
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(Cancellation);
    }

    private SqliteConnection OpenRaw(string database)
    {
        // Unpooled, so the test leaves no handle on the file behind.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(_fixture.DirectoryFor(database), SqliteDatabase.FileName),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }
}
