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

    [Fact]
    public async Task ASearchForACommonWordWalksTheNewestMessagesInsteadOfSortingEveryMatch()
    {
        await using var storage = await OpenAsync();
        await using var dataSource = NpgsqlDataSource.Create(await _fixture.ConnectionStringForAsync(MainDatabase, Cancellation));
        var prefix = Unique("newest");
        await FillSearchAsync(dataSource, prefix, """
            INSERT INTO message_search (conversation_id, seq, sender_id, sent_at, text)
            SELECT @prefix || (i % 200), i / 200 + 1, 'm', now() - make_interval(secs => i), 'strike vote ' || i
            FROM generate_series(0, 19999) AS i;
            ANALYZE message_search;
            """);

        // The adapter's own statement, as it runs for scopes left to the planner.
        await using var explain = dataSource.CreateCommand("EXPLAIN " + PostgresMessageSearch.Search);
        explain.Parameters.AddWithValue("ids", Enumerable.Range(0, 100).Select(i => prefix + i).ToArray());
        explain.Parameters.AddWithValue("pattern", "%strike%");
        explain.Parameters.AddWithValue("limit", 20);
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync(Cancellation))
        {
            while (await reader.ReadAsync(Cancellation))
            {
                plan.Add(reader.GetString(0));
            }
        }

        Assert.Contains(plan, line => line.Contains("message_search_newest", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("Sort", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASearchOfQuietConversationsLooksOnlyAtMessagesSentByTheirNewest()
    {
        await using var storage = await OpenAsync();
        await using var dataSource = NpgsqlDataSource.Create(await _fixture.ConnectionStringForAsync(MainDatabase, Cancellation));
        var prefix = Unique("quiet");

        // Two quiet conversations, a message an hour a year ago (every tenth says "meeting"),
        // then a busy one whose 2,000 messages of today all do.
        await FillSearchAsync(dataSource, prefix, """
            INSERT INTO message_search (conversation_id, seq, sender_id, sent_at, text)
            SELECT @prefix || '-q' || (i % 2), i / 2 + 1, 'm', now() - interval '1 year' + make_interval(hours => i),
                   CASE WHEN i % 10 = 0 THEN 'meeting minutes ' ELSE 'old note ' END || i
            FROM generate_series(0, 99) AS i;
            INSERT INTO message_search (conversation_id, seq, sender_id, sent_at, text)
            SELECT @prefix || '-busy', i + 1, 'm', now() - make_interval(secs => 2000 - i), 'meeting ' || i
            FROM generate_series(0, 1999) AS i;
            """);

        string[] quiet = [$"{prefix}-q0", $"{prefix}-q1"];
        await using var newest = dataSource.CreateCommand("SELECT max(sent_at) FROM message_search WHERE conversation_id = ANY(@ids)");
        newest.Parameters.AddWithValue("ids", quiet);
        var search = new PostgresMessageSearch(new PostgresDatabase(dataSource));
        Assert.Equal(new DateTimeOffset((DateTime)(await newest.ExecuteScalarAsync(Cancellation))!), await search.NewestMessageOfAsync(quiet, Cancellation));
        Assert.Null(await search.NewestMessageOfAsync([$"{prefix}-none"], Cancellation));

        var hits = await storage.Search.SearchAsync(quiet, "meeting", 20, Cancellation);
        Assert.Equal(10, hits.Count);
        Assert.Equal(($"{prefix}-q0", 46L), (hits[0].ConversationId, hits[0].Seq));
        Assert.Equal(($"{prefix}-q0", 1L), (hits[^1].ConversationId, hits[^1].Seq));
        Assert.Equal(20, (await storage.Search.SearchAsync([.. quiet, $"{prefix}-busy"], "meeting", 20, Cancellation)).Count);
        Assert.Empty(await storage.Search.SearchAsync([$"{prefix}-none"], "meeting", 20, Cancellation));
    }

    /// <summary>Writes search rows straight into the table: <paramref name="sql"/> names its conversations after <c>@prefix</c>.</summary>
    private static async Task FillSearchAsync(NpgsqlDataSource dataSource, string prefix, string sql)
    {
        await using var fill = dataSource.CreateCommand(sql);
        fill.Parameters.AddWithValue("prefix", prefix);
        await fill.ExecuteNonQueryAsync(Cancellation);
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
