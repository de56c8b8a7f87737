using Im.Domain.History;
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

    [Fact]
    public async Task WritesShareOneConnectionWithTheWriterSettings()
    {
        using var sqlite = new SqliteDatabase(_fixture.DirectoryFor(Guid.NewGuid().ToString("N")));
        await sqlite.InitializeAsync(applySchema: true, Cancellation);

        var first = await sqlite.WriteAsync((connection, _) => Task.FromResult(connection), Cancellation);
        var second = await sqlite.WriteAsync((connection, _) => Task.FromResult(connection), Cancellation);

        Assert.Same(first, second);
        Assert.Equal(2L, await sqlite.WriteAsync((connection, _) => ScalarAsync(connection, "PRAGMA synchronous;"), Cancellation));
        Assert.Equal(-16384L, await sqlite.WriteAsync((connection, _) => ScalarAsync(connection, "PRAGMA cache_size;"), Cancellation));
        Assert.Equal(10000L, await sqlite.WriteAsync((connection, _) => ScalarAsync(connection, "PRAGMA wal_autocheckpoint;"), Cancellation));
        Assert.Equal(2L, await sqlite.WriteAsync((connection, _) => ScalarAsync(connection, "PRAGMA temp_store;"), Cancellation));
    }

    [Fact]
    public async Task AFailedWriteLeavesTheNextWriteAFreshConnection()
    {
        using var sqlite = new SqliteDatabase(_fixture.DirectoryFor(Guid.NewGuid().ToString("N")));
        await sqlite.InitializeAsync(applySchema: true, Cancellation);
        var failed = await sqlite.WriteAsync((connection, _) => Task.FromResult(connection), Cancellation);

        await Assert.ThrowsAsync<SqliteException>(() => sqlite.WriteAsync<object?>(
            async (connection, token) =>
            {
                // Fails with its transaction open: the connection must not carry it into the next write.
                var transaction = connection.BeginTransaction(deferred: false);
                await ScalarAsync(connection, "INSERT INTO no_such_table VALUES (1);", transaction);
                return null;
            },
            Cancellation));

        var next = await sqlite.WriteAsync((connection, _) => Task.FromResult(connection), Cancellation);
        Assert.NotSame(failed, next);
        Assert.Equal(1L, await sqlite.WriteAsync((connection, _) => ScalarAsync(connection, "SELECT 1;"), Cancellation));
    }

    [Fact]
    public async Task AnInsertSqliteRefusesFailsEveryAppendOfItsBatchAndStoresNone()
    {
        using var sqlite = new SqliteDatabase(_fixture.DirectoryFor(Guid.NewGuid().ToString("N")));
        await sqlite.InitializeAsync(applySchema: true, Cancellation);
        var history = new SqliteMessageHistoryStore(sqlite);
        await sqlite.WriteAsync((connection, _) => ScalarAsync(connection, """
            CREATE TRIGGER refuse_in_test BEFORE INSERT ON message_history WHEN NEW.client_msg_id = 'refused'
            BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;
            """), Cancellation);

        var fine = new HistoryMessage("batch-a", 1, "m1", "fine", DateTimeOffset.UnixEpoch, """{"text":"a"}""");
        Task accepted, refused;
        await using (await WriteHold.SqliteAsync(sqlite, Cancellation))
        {
            accepted = history.AppendAsync([fine], Cancellation);
            refused = history.AppendAsync([new HistoryMessage("batch-b", 1, "m1", "refused", DateTimeOffset.UnixEpoch, """{"text":"b"}""")], Cancellation);
        }

        // Not a taken seq: SQLite's own error, with its message, fails the whole batch.
        Assert.Contains("refused by the test", (await Assert.ThrowsAsync<SqliteException>(() => accepted)).Message);
        await Assert.ThrowsAsync<SqliteException>(() => refused);
        Assert.Empty(await history.ReadAfterAsync("batch-a", 0, long.MaxValue, 10, Cancellation));
        Assert.Empty(await history.ReadAfterAsync("batch-b", 0, long.MaxValue, 10, Cancellation));

        // The writer goes on: the seq is still free and the next batch stores the message.
        await sqlite.WriteAsync((connection, _) => ScalarAsync(connection, "DROP TRIGGER refuse_in_test;"), Cancellation);
        await history.AppendAsync([fine], Cancellation);
        Assert.Equal("fine", Assert.Single(await history.ReadAfterAsync("batch-a", 0, long.MaxValue, 10, Cancellation)).ClientMsgId);
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
            new SqliteMessageSearch(sqlite, readAtMost: 0),
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

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
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
