using Im.Domain.History;
using Im.Silo.Storage.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using static Im.Silo.Tests.Storage.SqliteFiles;

namespace Im.Silo.Tests.Storage;

/// <summary>
/// The embedded store's search index lives in search.db and is written behind im.db's
/// history: what it must still guarantee (the shared suite covers search itself).
/// </summary>
public sealed class SqliteSearchIndexTests : IClassFixture<SqliteStorageFixture>
{
    // Timers run on the system's millisecond clock; a stopwatch reads a finer one.
    private static readonly TimeSpan TimerTick = TimeSpan.FromMilliseconds(20);

    private readonly SqliteStorageFixture _fixture;

    public SqliteSearchIndexTests(SqliteStorageFixture fixture)
    {
        _fixture = fixture;
    }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ABacklogOfSeveralPassesIsIndexedBeforeASearchAnswers()
    {
        var directory = _fixture.DirectoryFor(Guid.NewGuid().ToString("N"));
        using var database = await OpenAsync(directory);
        var history = new SqliteMessageHistoryStore(database);
        const int Appends = 3;
        for (var append = 0; append < Appends; append++)
        {
            var conversation = $"backlog-{append}";
            await history.AppendAsync(
                [.. Enumerable.Range(1, SqliteSearchIndex.MaxRowsPerPass).Select(seq => Text(conversation, seq, $"filler {seq}"))],
                Cancellation);
        }

        await history.AppendAsync([Text("backlog-last", 1, "the very last 消息")], Cancellation);

        var search = new SqliteMessageSearch(database, readAtMost: 0);
        Assert.Single(await search.SearchAsync(["backlog-last"], "very last 消息", 10, Cancellation));
        Assert.Single(await search.SearchAsync(["backlog-0"], "filler 1234", 10, Cancellation));
        Assert.Equal(Appends * SqliteSearchIndex.MaxRowsPerPass + 1, await CountIndexedAsync(directory));
    }

    [Fact]
    public async Task ALostSearchFileIsRebuiltFromHistory()
    {
        var directory = _fixture.DirectoryFor(Guid.NewGuid().ToString("N"));
        using (var database = await OpenAsync(directory))
        {
            await new SqliteMessageHistoryStore(database).AppendAsync([Text("rebuilt", 1, "会员服务大厅"), Text("rebuilt", 2, "维权热线")], Cancellation);
            Assert.Single(await new SqliteMessageSearch(database, readAtMost: 0).SearchAsync(["rebuilt"], "服务大厅", 10, Cancellation));
        }

        DeleteSearchFiles(directory);

        using (var database = await OpenAsync(directory))
        {
            var search = new SqliteMessageSearch(database, readAtMost: 0);
            Assert.Equal(1, Assert.Single(await search.SearchAsync(["rebuilt"], "服务大厅", 10, Cancellation)).Seq);
            Assert.Equal(2, Assert.Single(await search.SearchAsync(["rebuilt"], "维权热线", 10, Cancellation)).Seq);
        }
    }

    [Fact]
    public async Task AnUnreadableSearchFileIsSetAsideAndRebuiltFromHistory()
    {
        var directory = _fixture.DirectoryFor(Guid.NewGuid().ToString("N"));
        var sent = new[] { Text("unreadable", 1, "会员服务大厅"), Text("unreadable", 2, "维权热线") };
        using (var database = await OpenAsync(directory))
        {
            await new SqliteMessageHistoryStore(database).AppendAsync(sent, Cancellation);
            await CatchUpAsync(database);
        }

        DeleteSearchFiles(directory);
        await File.WriteAllBytesAsync(Search(directory), [.. Enumerable.Repeat((byte)0x5a, 8192)], Cancellation);

        using (var database = await OpenAsync(directory))
        {
            // Reads by key go through search.db's keys: they work again at once.
            var history = new SqliteMessageHistoryStore(database);
            Assert.Equal(sent, await history.ReadAfterAsync("unreadable", 0, long.MaxValue, 10, Cancellation));
            await Assert.ThrowsAsync<DuplicateMessageException>(() => history.AppendAsync([Text("unreadable", 2, "again")], Cancellation));
            Assert.Equal(2, Assert.Single(await new SqliteMessageSearch(database, readAtMost: 0).SearchAsync(["unreadable"], "维权热线", 10, Cancellation)).Seq);
        }

        Assert.Single(SetAsideFiles(directory));
    }

    [Fact]
    public async Task ASearchFileThatTurnsUnreadableWhileRunningIsSetAsideAndRebuilt()
    {
        var directory = _fixture.DirectoryFor(Guid.NewGuid().ToString("N"));
        var sent = new[] { Text("spoiled", 1, "会员服务大厅"), Text("spoiled", 2, "维权热线") };
        using var database = await OpenAsync(directory);
        var history = new SqliteMessageHistoryStore(database);
        await history.AppendAsync(sent, Cancellation);
        await CatchUpAsync(database);

        // The disk spoils search.db under the running index. Reads by key fail on it (the
        // first one usually does; the index's poll may meet it first) and work again once the
        // file is set aside, without a restart.
        await SpoilAsync(Search(directory), Im.Silo.Storage.StorageNames.MessageKeys.Table);
        Assert.Equal(sent, await EventuallyAsync(() => history.ReadAfterAsync("spoiled", 0, long.MaxValue, 10, Cancellation)));
        await Assert.ThrowsAsync<DuplicateMessageException>(() => history.AppendAsync([Text("spoiled", 2, "again")], Cancellation));
        await history.AppendAsync([Text("spoiled", 3, "服务热线")], Cancellation);
        Assert.Equal(3, Assert.Single(await new SqliteMessageSearch(database, readAtMost: 0).SearchAsync(["spoiled"], "服务热线", 10, Cancellation)).Seq);
        Assert.Single(SetAsideFiles(directory));
    }

    [Fact]
    public async Task ASearchFileSpoiledUnderAppendsAndReadsIsSetAsideOnceAndLosesNothing()
    {
        var directory = _fixture.DirectoryFor(Guid.NewGuid().ToString("N"));
        using var database = await OpenAsync(directory);
        var history = new SqliteMessageHistoryStore(database);
        const int Writers = 16, AtLeast = 100;
        var setAside = new TaskCompletionSource();
        var written = new int[Writers];

        // Each writer appends its conversation's messages in order until the file was set
        // aside, retrying a failed append (the seq check reads search.db's keys) as a grain's
        // retry would; a taken seq means the append had landed. A reader reads meanwhile.
        var writers = Enumerable.Range(0, Writers).Select(writer => Task.Run(
            async () =>
            {
                var seq = 1;
                while (seq <= AtLeast || !setAside.Task.IsCompleted)
                {
                    try
                    {
                        await history.AppendAsync([Text($"load-{writer}", seq, $"message {seq} 会员")], Cancellation);
                        seq++;
                    }
                    catch (DuplicateMessageException)
                    {
                        seq++;
                    }
                    catch (Microsoft.Data.Sqlite.SqliteException)
                    {
                        await Task.Delay(20, Cancellation);
                    }
                }

                written[writer] = seq - 1;
            },
            Cancellation)).ToArray();
        var reader = Task.Run(
            async () =>
            {
                for (var read = 0; !setAside.Task.IsCompleted; read++)
                {
                    try
                    {
                        await history.ReadBeforeAsync($"load-{read % Writers}", long.MaxValue, 50, Cancellation);
                    }
                    catch (Microsoft.Data.Sqlite.SqliteException)
                    {
                        await Task.Delay(20, Cancellation);
                    }
                }
            },
            Cancellation);

        await Task.Delay(TimeSpan.FromMilliseconds(200), Cancellation);
        await SpoilAsync(Search(directory), Im.Silo.Storage.StorageNames.MessageKeys.Table);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (SetAsideFiles(directory).Length == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, Cancellation);
        }

        // Some more of the load on the fresh file, then the end.
        await Task.Delay(TimeSpan.FromMilliseconds(300), Cancellation);
        setAside.SetResult();
        await Task.WhenAll([.. writers, reader]);

        Assert.Single(SetAsideFiles(directory));
        for (var writer = 0; writer < Writers; writer++)
        {
            var stored = await history.ReadAfterAsync($"load-{writer}", 0, long.MaxValue, written[writer] + 1, Cancellation);
            Assert.Equal(Enumerable.Range(1, written[writer]).Select(seq => (long)seq), stored.Select(message => message.Seq));
        }

        await CatchUpAsync(database);
        Assert.Equal(written.Sum(), await CountAsync(Search(directory), "SELECT count(*) FROM message_keys"));
        Assert.Equal(written.Sum(), await CountAsync(Search(directory), ClientTokenCount));
    }

    [Fact]
    public async Task ASearchFileIsSetAsideOnlyOnceNoReadHasItOpen()
    {
        var directory = _fixture.DirectoryFor(Guid.NewGuid().ToString("N"));
        using var database = await OpenAsync(directory);
        var history = new SqliteMessageHistoryStore(database);
        await history.AppendAsync([Text("held-open", 1, "first")], Cancellation);
        await CatchUpAsync(database);

        // A read of search.db is under way, its connection reading the file, when the disk
        // spoils it; another read meets the damage.
        var reading = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var underWay = database.SearchIndex!.ReadAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT count(*) FROM search_cursor";
                await command.ExecuteScalarAsync(token);
                reading.SetResult();
                await release.Task;
                return 0;
            },
            Cancellation);
        await reading.Task;
        await SpoilAsync(Search(directory), Im.Silo.Storage.StorageNames.MessageKeys.Table);
        await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => history.ReadAfterAsync("held-open", 0, long.MaxValue, 10, Cancellation));

        // The file stays in place while a connection has it open: closing that connection
        // later would delete the WAL and shared memory by name, the new file's by then.
        await Task.Delay(TimeSpan.FromSeconds(1.5), Cancellation);
        Assert.Empty(SetAsideFiles(directory));
        release.SetResult();
        await underWay;

        Assert.Single(await EventuallyAsync(() => history.ReadAfterAsync("held-open", 0, long.MaxValue, 10, Cancellation)));
        await history.AppendAsync([Text("held-open", 2, "second")], Cancellation);
        await CatchUpAsync(database);
        Assert.Equal(2, await CountAsync(Search(directory), "SELECT count(*) FROM message_keys"));
        Assert.Single(SetAsideFiles(directory));
    }

    [Fact]
    public async Task ACorruptHistoryFileLeavesTheSearchFileInPlace()
    {
        var directory = _fixture.DirectoryFor(Guid.NewGuid().ToString("N"));
        using var database = await OpenAsync(directory);
        var history = new SqliteMessageHistoryStore(database);
        await history.AppendAsync([Text("history-spoiled", 1, "first")], Cancellation);
        await CatchUpAsync(database);
        var health = new SqliteSearchIndexHealthCheck(database);
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(new HealthCheckContext(), Cancellation)).Status);

        // Reads by key read both files in one statement; the corrupt one is im.db, the data,
        // and search.db is checked, found readable and kept. The index's passes fail, which
        // its health check tells an operator.
        await SpoilAsync(History(directory), Im.Silo.Storage.StorageNames.MessageHistory.Table);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => history.ReadAfterAsync("history-spoiled", 0, long.MaxValue, 10, Cancellation));
            await Task.Delay(TimeSpan.FromSeconds(1), Cancellation);
        }

        Assert.Empty(SetAsideFiles(directory));
        Assert.True(File.Exists(Search(directory)));
        var report = await health.CheckHealthAsync(new HealthCheckContext(), Cancellation);
        Assert.Equal(HealthStatus.Degraded, report.Status);
        Assert.Equal(11, Assert.IsType<Microsoft.Data.Sqlite.SqliteException>(report.Exception).SqliteErrorCode);
    }

    [Fact]
    public async Task AnIndexAheadOfItsHistoryIsEmptiedAndFollowsTheNewHistory()
    {
        var directory = _fixture.DirectoryFor(Guid.NewGuid().ToString("N"));
        using (var database = await OpenAsync(directory))
        {
            await new SqliteMessageHistoryStore(database).AppendAsync([Text("replaced", 1, "text of the old file"), Text("replaced", 2, "more of the old file")], Cancellation);
            Assert.Equal(2, (await new SqliteMessageSearch(database, readAtMost: 0).SearchAsync(["replaced"], "old file", 10, Cancellation)).Count);
        }

        // im.db goes back to an empty file (a restore, a replaced file); search.db stays.
        foreach (var file in Directory.EnumerateFiles(directory, SqliteDatabase.FileName + "*"))
        {
            File.Delete(file);
        }

        using (var database = await OpenAsync(directory))
        {
            await new SqliteMessageHistoryStore(database).AppendAsync([Text("replaced", 1, "text of the new file")], Cancellation);

            var search = new SqliteMessageSearch(database, readAtMost: 0);
            Assert.Empty(await search.SearchAsync(["replaced"], "old file", 10, Cancellation));
            Assert.Equal("text of the new file", Assert.Single(await search.SearchAsync(["replaced"], "new file", 10, Cancellation)).Snippet);
        }
    }

    [Fact]
    public async Task TakenUpReindexEntriesAreDeletedFromHistorysFile()
    {
        var directory = _fixture.DirectoryFor(Guid.NewGuid().ToString("N"));
        using var database = await OpenAsync(directory);
        var history = new SqliteMessageHistoryStore(database);
        await history.AppendAsync([Text("edited", 1, "first draft"), Text("edited", 2, "second note")], Cancellation);
        Assert.True(await history.UpdateBodyAsync("edited", 1, Body("final wording"), 0, Cancellation));
        Assert.True(await history.UpdateBodyAsync("edited", 2, """{"recalled":true}""", 0, Cancellation));

        var search = new SqliteMessageSearch(database, readAtMost: 0);
        Assert.Empty(await search.SearchAsync(["edited"], "first draft", 10, Cancellation));
        Assert.Empty(await search.SearchAsync(["edited"], "second note", 10, Cancellation));
        Assert.Equal(1, Assert.Single(await search.SearchAsync(["edited"], "final wording", 10, Cancellation)).Seq);

        // The index prunes right after the pass that took the entries up.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await CountReindexQueueAsync(directory) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, Cancellation);
        }

        Assert.Equal(0, await CountReindexQueueAsync(directory));
    }

    [Fact]
    public async Task TheIndexKeepsNoTextAndBothSearchPathsFoldCaseBeyondAscii()
    {
        var directory = _fixture.DirectoryFor(Guid.NewGuid().ToString("N"));
        using var database = await OpenAsync(directory);
        await new SqliteMessageHistoryStore(database).AppendAsync([Text("folded", 1, "Собрание ПРОФСОЮЗА в пятницу")], Cancellation);

        var search = new SqliteMessageSearch(database, readAtMost: 0);
        Assert.Equal(1, Assert.Single(await search.SearchAsync(["folded"], "профсоюза", 10, Cancellation)).Seq);
        Assert.Equal(1, Assert.Single(await search.SearchAsync(["folded"], "ПЯ", 10, Cancellation)).Seq);
        Assert.Equal(1, await CountAsync(Search(directory), "SELECT count(*) FROM message_search WHERE message_search MATCH '\"про\"' AND text IS NULL"));
    }

    [Fact]
    public async Task AnIndexFromBeforeTrigramsOnlyIsReplacedAndRebuiltFromHistory()
    {
        var directory = _fixture.DirectoryFor(Guid.NewGuid().ToString("N"));
        using (var database = await OpenAsync(directory))
        {
            await new SqliteMessageHistoryStore(database).AppendAsync([Text("upgraded", 1, "会员服务大厅"), Text("upgraded", 2, "strike ballot")], Cancellation);
            Assert.Single(await new SqliteMessageSearch(database, readAtMost: 0).SearchAsync(["upgraded"], "服务大厅", 10, Cancellation));
        }

        // Back to search.db as the previous version left it: the table with a copy of every
        // text and its columns, holding one message of the two, and the cursor past both.
        await ExecuteAsync(Search(directory), """
            DROP TABLE message_search;
            CREATE VIRTUAL TABLE message_search USING fts5(text, conversation_id UNINDEXED, seq UNINDEXED, sender_id UNINDEXED, sent_at UNINDEXED, tokenize = 'trigram');
            INSERT INTO message_search (rowid, text, conversation_id, seq, sender_id, sent_at) VALUES (1, '会员服务大厅', 'upgraded', 1, 'm-sender', 1000000);
            DELETE FROM schema_migrations WHERE file_name = '004_trigrams_only.sql';
            """);

        using (var database = await OpenAsync(directory))
        {
            var search = new SqliteMessageSearch(database, readAtMost: 0);
            Assert.Equal(1, Assert.Single(await search.SearchAsync(["upgraded"], "服务大厅", 10, Cancellation)).Seq);
            Assert.Equal(2, Assert.Single(await search.SearchAsync(["upgraded"], "ballot", 10, Cancellation)).Seq);
            Assert.Equal(0, await CountAsync(Search(directory), "SELECT count(*) FROM message_search WHERE message_search MATCH '\"bal\"' AND text IS NOT NULL"));
        }
    }

    [Fact]
    public async Task ReadingSmallConversationsFindsWhatTheIndexFinds()
    {
        var directory = _fixture.DirectoryFor(Guid.NewGuid().ToString("N"));
        using var database = await OpenAsync(directory);
        var history = new SqliteMessageHistoryStore(database);
        await history.AppendAsync([Text("read-a", 1, "明天下午三点工会开会"), Text("read-a", 2, "Union MEETING moved"), Text("read-a", 3, "abcd and bcde")], Cancellation);
        await history.AppendAsync([Text("read-b", 1, "会议室在三楼, meeting room"), Text("read-b", 2, "secret ballot"), Text("read-b", 3, "ПРОФСОЮЗ")], Cancellation);
        await history.UpdateBodyAsync("read-b", 2, """{"recalled":true}""", 0, Cancellation);

        var read = new SqliteMessageSearch(database);
        var lookedUp = new SqliteMessageSearch(database, readAtMost: 0);
        foreach (var query in (string[])["工会开会", "meeting", "abcde", "bcd", "ballot", "профсоюз", "三楼, m", "no such text"])
        {
            var expected = await lookedUp.SearchAsync(["read-a", "read-b"], query, 10, Cancellation);
            var actual = await read.SearchAsync(["read-a", "read-b"], query, 10, Cancellation);
            Assert.Equal(expected, actual);
        }

        Assert.Equal(2, (await read.SearchAsync(["read-a", "read-b"], "meeting", 10, Cancellation)).Count);

        // Past the limit both paths keep the match stored last, read-b's here, whose sent_at
        // (1 s) is older than read-a's (2 s): on a live server the two orders are the same.
        foreach (var search in (SqliteMessageSearch[])[read, lookedUp])
        {
            var newest = Assert.Single(await search.SearchAsync(["read-a", "read-b"], "meeting", 1, Cancellation));
            Assert.Equal(("read-b", 1L), (newest.ConversationId, newest.Seq));
        }
    }

    [Fact]
    public async Task ALookupShortOfItsLimitAfterItsWalkWalksOnOrReadsWhicheverCostsLess()
    {
        var directory = _fixture.DirectoryFor(Guid.NewGuid().ToString("N"));
        using var database = await OpenAsync(directory);
        var history = new SqliteMessageHistoryStore(database);

        // Two quiet conversations (10 messages) stored first, then a busy one whose 100
        // messages all say "minutes" and whose last 10 also say "agenda".
        await history.AppendAsync([.. Enumerable.Range(1, 6).Select(seq => At("quiet-a", seq, 0, seq % 2 == 0 ? "minutes of the agenda" : seq == 3 ? "minutes" : "hello"))], Cancellation);
        await history.AppendAsync([.. Enumerable.Range(1, 4).Select(seq => At("quiet-b", seq, 100, seq == 4 ? "minutes" : "bye"))], Cancellation);
        await history.AppendAsync([.. Enumerable.Range(1, 100).Select(seq => At("busy", seq, 200, seq > 90 ? "minutes, agenda" : "minutes"))], Cancellation);

        // Walks of 4, 4, 8, 16... matches meet the busy one's first. Reading the quiet ones costs
        // as much as walking 40: "agenda" is walked to its end (13 matches), "minutes" (105) is
        // read once 64 were walked.
        var read = new SqliteMessageSearch(database);
        var lookedUp = new SqliteMessageSearch(database, readAtMost: 0, walkAtMost: 4);
        string[] quiet = ["quiet-a", "quiet-b"];
        Assert.Equal(3, (await lookedUp.SearchAsync(quiet, "agenda", 10, Cancellation)).Count);
        Assert.Equal(5, (await lookedUp.SearchAsync(quiet, "minutes", 10, Cancellation)).Count);
        foreach (var (scope, query, limit) in (IEnumerable<(string[], string, int)>)[
            (quiet, "agenda", 10), (quiet, "minutes", 10), (quiet, "minutes", 2),
            ([.. quiet, "busy"], "agenda", 20), ([.. quiet, "busy"], "agenda", 11), (quiet, "no such text", 10)])
        {
            Assert.Equal(await read.SearchAsync(scope, query, limit, Cancellation), await lookedUp.SearchAsync(scope, query, limit, Cancellation));
        }

        Assert.Equal(13, (await lookedUp.SearchAsync([.. quiet, "busy"], "agenda", 20, Cancellation)).Count);
    }

    [Fact]
    public async Task SmallConversationsAreReadWithoutWaitingForTheIndexAndLargerOnesWaitForIt()
    {
        var directory = _fixture.DirectoryFor(Guid.NewGuid().ToString("N"));
        using var database = await OpenAsync(directory);
        var history = new SqliteMessageHistoryStore(database);
        Task<IReadOnlyList<Im.Domain.Search.SearchHit>> lookup;
        await using (await HoldSearchWritesAsync(directory))
        {
            await history.AppendAsync([Text("held", 1, "strike vote"), Text("held", 2, "vote again"), Text("held", 3, "last vote")], Cancellation);

            Assert.Equal(3, (await new SqliteMessageSearch(database, readAtMost: 3).SearchAsync(["held"], "vote", 10, Cancellation)).Count);
            lookup = new SqliteMessageSearch(database, readAtMost: 2).SearchAsync(["held"], "vote", 10, Cancellation);
            await Task.Delay(TimeSpan.FromMilliseconds(300), Cancellation);
            Assert.False(lookup.IsCompleted);
        }

        Assert.Equal(3, (await lookup).Count);
    }

    [Fact]
    public async Task LargerConversationsAreReadWhenTheIndexLagsPastTheLookupsWait()
    {
        var directory = _fixture.DirectoryFor(Guid.NewGuid().ToString("N"));
        using var database = await OpenAsync(directory);
        var history = new SqliteMessageHistoryStore(database);
        await using (await HoldSearchWritesAsync(directory))
        {
            await history.AppendAsync([Text("lagging", 1, "strike vote"), Text("lagging", 2, "vote again"), Text("lagging", 3, "last vote")], Cancellation);

            // Too large to read at once (more than 2 messages), so looked up; the index is held,
            // so after the lookup's wait the conversations are read, exactly, while still held.
            var started = System.Diagnostics.Stopwatch.StartNew();
            var hits = await new SqliteMessageSearch(database, readAtMost: 2).SearchAsync(["lagging"], "vote", 10, Cancellation);
            Assert.Equal([3L, 2L, 1L], hits.Select(hit => hit.Seq));
            // The wait is a timer's, which may end a clock tick before the stopwatch says.
            Assert.True(started.Elapsed >= SqliteMessageSearch.LookupWait - TimerTick, $"answered after {started.Elapsed}, before the index could have been waited for");
            Assert.Equal(0, await CountIndexedAsync(directory));
        }
    }

    [Fact]
    public async Task TheIndexMergesSixteenSegmentsALevel()
    {
        var directory = _fixture.DirectoryFor(Guid.NewGuid().ToString("N"));
        using var database = await OpenAsync(directory);

        Assert.Equal(16, await CountAsync(Search(directory), "SELECT v FROM message_search_config WHERE k = 'automerge'"));
    }

    // Every message at a time of its own: both paths sort their hits by time, and ties would
    // leave the two orders free to differ.
    private static Im.Domain.History.HistoryMessage At(string conversation, long seq, long firstSecond, string text) =>
        Text(conversation, seq, text) with { SentAt = DateTimeOffset.UnixEpoch.AddSeconds(firstSecond + seq) };

    /// <summary>
    /// Damages a file in use, as a disk can: every connection that reads its schema from here
    /// on (all of them, since the schema's version moves) finds the file corrupt.
    /// </summary>
    private static async Task SpoilAsync(string file, string table) =>
        await ExecuteAsync(file, $"""
            PRAGMA busy_timeout = 10000;
            PRAGMA writable_schema = ON;
            UPDATE sqlite_schema SET sql = 'CREATE TABLE {table} (' WHERE name = '{table}';
            PRAGMA writable_schema = OFF;
            PRAGMA schema_version = {await CountAsync(file, "PRAGMA schema_version") + 1};
            """);

    /// <summary>The search.db files set aside as unreadable in the directory.</summary>
    private static string[] SetAsideFiles(string directory) =>
        Directory.GetFiles(directory, SqliteSearchIndex.FileName + ".unreadable-*");

    /// <summary>Retries a read that fails while the store recovers, for up to 20 s.</summary>
    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                return await read();
            }
            catch (Microsoft.Data.Sqlite.SqliteException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, Cancellation);
            }
        }
    }

    private static Task<long> CountIndexedAsync(string directory) =>
        CountAsync(Search(directory), "SELECT count(*) FROM message_search");

    private static Task<long> CountReindexQueueAsync(string directory) =>
        CountAsync(History(directory), "SELECT count(*) FROM search_reindex");
}
