using Im.Silo.Storage.Postgres;
using Npgsql;

namespace Im.Silo.Tests.Storage;

/// <summary>The shared suite against PostgreSQL; skipped unless IM_TEST_POSTGRES names a server.</summary>
public sealed class PostgresStorageTests : StorageBehaviourTests, IClassFixture<PostgresStorageFixture>
{
    private readonly PostgresStorageFixture _fixture;

    public PostgresStorageTests(PostgresStorageFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task StateHistoryAndTicketsAreHashPartitionedEightWays()
    {
        await using var storage = await OpenAsync();
        await using var dataSource = NpgsqlDataSource.Create(await _fixture.ConnectionStringForAsync(MainDatabase, Cancellation));

        foreach (var table in new[] { "grain_state", "message_history", "hall_tickets" })
        {
            await using var command = dataSource.CreateCommand("""
                SELECT count(*) FROM pg_inherits
                WHERE inhparent = to_regclass(@table)
                """);
            command.Parameters.AddWithValue("table", table);
            Assert.Equal(8L, await command.ExecuteScalarAsync(Cancellation));
        }
    }

    protected override async Task<StorageUnderTest> OpenAsync(string database, bool initialize)
    {
        var dataSource = NpgsqlDataSource.Create(await _fixture.ConnectionStringForAsync(database, Cancellation));
        var postgres = new PostgresDatabase(dataSource);
        var storage = new StorageUnderTest(
            new PostgresGrainStateStore(postgres),
            new PostgresReminderStore(postgres),
            new PostgresMessageHistoryStore(postgres),
            new PostgresReviewAuditLog(postgres),
            new PostgresFileMetadataStore(postgres),
            new PostgresMessageSearch(postgres),
            new PostgresTicketStore(postgres),
            cancellationToken => postgres.InitializeAsync(applySchema: true, cancellationToken),
            dataSource.DisposeAsync,
            cancellationToken => WriteHold.PostgresAsync(dataSource, cancellationToken));
        if (initialize)
        {
            await storage.InitializeAsync(Cancellation);
        }

        return storage;
    }

    protected override async Task<IReadOnlyList<string>> ReadAppliedScriptsAsync(string database)
    {
        await using var dataSource = NpgsqlDataSource.Create(await _fixture.ConnectionStringForAsync(database, Cancellation));
        await using var command = dataSource.CreateCommand("SELECT file_name FROM schema_migrations ORDER BY file_name");
        await using var reader = await command.ExecuteReaderAsync(Cancellation);
        var files = new List<string>();
        while (await reader.ReadAsync(Cancellation))
        {
            files.Add(reader.GetString(0));
        }

        return files;
    }
}
