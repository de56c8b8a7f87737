using Im.Domain.History;
using Im.Silo.Storage.Sqlite;
using static Im.Silo.Tests.Storage.SqliteFiles;

namespace Im.Silo.Tests.Storage;

/// <summary>
/// im.db's history has no key: search.db's index writes the (conversation, seq) keys behind it,
/// reads merge them with the rows past their cursor, and the writer refuses a taken seq itself.
/// The shared suite covers the answers; these cover the rows without keys, other writers of the
/// same file, and files from before.
/// </summary>
public sealed class SqliteHistoryKeysTests : IClassFixture<SqliteStorageFixture>
{
    private const string KeyCount = "SELECT count(*) FROM message_keys";

    private readonly SqliteStorageFixture _fixture;

    public SqliteHistoryKeysTests(SqliteStorageFixture fixture)
    {
        _fixture = fixture;
    }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadsAndEditsFindMessagesWithAndWithoutTheirKeys()
    {
        var directory = _fixture.DirectoryFor(Guid.NewGuid().ToString("N"));
        using var database = await OpenAsync(directory);
        var history = new SqliteMessageHistoryStore(database);
        var keyed = Enumerable.Range(1, 4).Select(seq => Text("half", seq, $"keyed {seq}")).ToArray();
        await history.AppendAsync(keyed, Cancellation);
        await CatchUpAsync(database);
        Assert.Equal(4, await CountAsync(Search(directory), KeyCount));

        await using (await HoldSearchWritesAsync(directory))
        {
            var unkeyed = Enumerable.Range(5, 4).Select(seq => Text("half", seq, $"unkeyed {seq}")).ToArray();
            await history.AppendAsync(unkeyed, Cancellation);
            await history.AppendAsync([Text("other", 1, "another conversation's")], Cancellation);
            var all = keyed.Concat(unkeyed).ToArray();

            Assert.Equal(4, await CountAsync(Search(directory), KeyCount));
            Assert.Equal(8, await history.ReadMaxSeqAsync("half", Cancellation));
            Assert.Equal(all, await history.ReadAfterAsync("half", 0, long.MaxValue, 100, Cancellation));
            Assert.Equal(all[2..6], await history.ReadAfterAsync("half", 2, 7, 100, Cancellation));
            Assert.Equal(all[3..5], await history.ReadAfterAsync("half", 3, long.MaxValue, 2, Cancellation));
            Assert.Equal(all[3..7], await history.ReadBeforeAsync("half", 8, 4, Cancellation));
            Assert.Equal(all[..2], await history.ReadBeforeAsync("half", 3, 10, Cancellation));
            Assert.Equal(unkeyed[1], await history.FindByClientMsgIdAsync("half", unkeyed[1].ClientMsgId, Cancellation));

            // An edit finds its row by rowid through the keys or past them, version-checked.
            Assert.True(await history.UpdateBodyAsync("half", 2, Body("keyed, edited"), 0, Cancellation));
            Assert.True(await history.UpdateBodyAsync("half", 6, Body("unkeyed, edited"), 0, Cancellation));
            Assert.False(await history.UpdateBodyAsync("half", 6, Body("stale"), 0, Cancellation));
            Assert.False(await history.UpdateBodyAsync("half", 9, Body("never sent"), 0, Cancellation));
            var edited = await history.ReadAfterAsync("half", 1, 7, 10, Cancellation);
            Assert.Equal([Body("keyed, edited"), all[2].Body, all[3].Body, all[4].Body, Body("unkeyed, edited")], edited.Select(message => message.Body));
            Assert.Equal([1L, 0, 0, 0, 1], edited.Select(message => message.EditVersion));
        }

        await CatchUpAsync(database);

        Assert.Equal(9, await CountAsync(Search(directory), KeyCount));
        Assert.Equal(8, await history.ReadMaxSeqAsync("half", Cancellation));
        Assert.Equal(8, (await history.ReadAfterAsync("half", 0, long.MaxValue, 100, Cancellation)).Count);
        Assert.Single(await new SqliteMessageSearch(database, readAtMost: 0).SearchAsync(["half"], "unkeyed, edited", 10, Cancellation));
    }

    [Fact]
    public async Task ATakenSeqIsRefusedWithOrWithoutItsKey()
    {
        var directory = _fixture.DirectoryFor(Guid.NewGuid().ToString("N"));
        using var database = await OpenAsync(directory);
        var history = new SqliteMessageHistoryStore(database);
        await history.AppendAsync([Text("taken", 1, "keyed"), Text("taken", 3, "keyed too")], Cancellation);
        await CatchUpAsync(database);

        await using (await HoldSearchWritesAsync(directory))
        {
            await history.AppendAsync([Text("taken", 5, "unkeyed")], Cancellation);

            // A fresh store knows nothing yet: it looks the conversation up.
            var fresh = new SqliteMessageHistoryStore(database);
            await Assert.ThrowsAsync<DuplicateMessageException>(() => fresh.AppendAsync([Text("taken", 3, "again")], Cancellation));
            await Assert.ThrowsAsync<DuplicateMessageException>(() => fresh.AppendAsync([Text("taken", 5, "again")], Cancellation));
            await Assert.ThrowsAsync<DuplicateMessageException>(() => history.AppendAsync([Text("taken", 1, "again")], Cancellation));
            await Assert.ThrowsAsync<DuplicateMessageException>(() => history.AppendAsync([Text("taken", 5, "again")], Cancellation));

            // Below the highest but free: written.
            await history.AppendAsync([Text("taken", 2, "a gap filled")], Cancellation);
            await Assert.ThrowsAsync<DuplicateMessageException>(() => fresh.AppendAsync([Text("taken", 2, "again")], Cancellation));

            // All or none: the free message of a refused append is not written either.
            await Assert.ThrowsAsync<DuplicateMessageException>(() => history.AppendAsync([Text("taken", 6, "free"), Text("taken", 6, "twice")], Cancellation));
            await Assert.ThrowsAsync<DuplicateMessageException>(() => history.AppendAsync([Text("taken", 7, "free"), Text("taken", 4, "free"), Text("taken", 3, "taken")], Cancellation));
        }

        await CatchUpAsync(database);
        Assert.Equal([1L, 2, 3, 5], (await history.ReadAfterAsync("taken", 0, long.MaxValue, 100, Cancellation)).Select(message => message.Seq));
        Assert.Equal(4, await CountAsync(History(directory), "SELECT count(*) FROM message_history"));
    }

    [Fact]
    public async Task OtherStoresAndOtherWritersOfTheSameFileAreSeen()
    {
        var directory = _fixture.DirectoryFor(Guid.NewGuid().ToString("N"));
        using var database = await OpenAsync(directory);
        var history = new SqliteMessageHistoryStore(database);
        await history.AppendAsync([Text("shared", 1, "ours")], Cancellation);

        // Another store over the same database appends through the same writer.
        await new SqliteMessageHistoryStore(database).AppendAsync([Text("shared", 2, "another store's")], Cancellation);
        await Assert.ThrowsAsync<DuplicateMessageException>(() => history.AppendAsync([Text("shared", 2, "ours too")], Cancellation));

        // Another process appends the next seq: this writer knew 2 as the highest, and must not
        // take 3 as free.
        using (var other = await OpenAsync(directory))
        {
            await new SqliteMessageHistoryStore(other).AppendAsync([Text("shared", 3, "theirs")], Cancellation);
        }

        await Assert.ThrowsAsync<DuplicateMessageException>(() => history.AppendAsync([Text("shared", 3, "ours too")], Cancellation));
        await history.AppendAsync([Text("shared", 4, "ours")], Cancellation);
        Assert.Equal(["ours", "another store's", "theirs", "ours"], (await history.ReadAfterAsync("shared", 0, long.MaxValue, 10, Cancellation)).Select(message => System.Text.Json.JsonDocument.Parse(message.Body).RootElement.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task FilesFromBeforeTheKeysMovedLoseTheHistorysIndexesAndKeyEveryEarlierMessage()
    {
        var directory = _fixture.DirectoryFor(Guid.NewGuid().ToString("N"));
        var earlier = Text("upgraded", 1, "会员服务");
        var later = Text("upgraded", 2, "second");
        using (var database = await OpenAsync(directory))
        {
            await new SqliteMessageHistoryStore(database).AppendAsync([earlier, later], Cancellation);
            await CatchUpAsync(database);
        }

        // Back to the files as versions before the mapping left them: history with its key and
        // its clientMsgId index, and an index cursor past rows it has no ids or keys for.
        await ExecuteAsync(History(directory), """
            CREATE TABLE keyed (
              conversation_id TEXT NOT NULL, bucket INTEGER NOT NULL, seq INTEGER NOT NULL, sender_id TEXT NOT NULL,
              client_msg_id TEXT NOT NULL, sent_at INTEGER NOT NULL, body TEXT NOT NULL, edit_version INTEGER NOT NULL DEFAULT 0,
              PRIMARY KEY (conversation_id, bucket, seq), CHECK (seq > 0 AND bucket = seq / 1000));
            INSERT INTO keyed (rowid, conversation_id, bucket, seq, sender_id, client_msg_id, sent_at, body, edit_version)
              SELECT rowid, conversation_id, bucket, seq, sender_id, client_msg_id, sent_at, body, edit_version FROM message_history;
            DROP TABLE message_history;
            ALTER TABLE keyed RENAME TO message_history;
            CREATE INDEX message_history_client_msg_id ON message_history (conversation_id, client_msg_id, seq);
            DELETE FROM schema_migrations WHERE file_name IN ('008_client_ids_behind.sql', '009_history_keys_behind.sql');
            """);
        await ExecuteAsync(Search(directory), """
            DROP TABLE message_client_tokens;
            DROP TABLE message_keys;
            ALTER TABLE search_cursor DROP COLUMN keys_rowid;
            DELETE FROM schema_migrations WHERE file_name IN ('003_client_ids.sql', '005_history_keys.sql', '006_client_tokens.sql', '007_key_client_ids.sql');
            """);

        using (var database = await OpenAsync(directory))
        {
            var history = new SqliteMessageHistoryStore(database);

            // Exact before the index has taken anything up again, and after.
            Assert.Equal(2, await history.ReadMaxSeqAsync("upgraded", Cancellation));
            await Assert.ThrowsAsync<DuplicateMessageException>(() => history.AppendAsync([Text("upgraded", 2, "again")], Cancellation));
            await CatchUpAsync(database);

            Assert.Equal(0, await CountAsync(History(directory), "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'message_history'"));
            Assert.Equal(2, await CountAsync(Search(directory), KeyCount));
            Assert.Equal(2, await CountAsync(Search(directory), ClientTokenCount));
            Assert.Equal([earlier, later], await history.ReadAfterAsync("upgraded", 0, long.MaxValue, 10, Cancellation));
            Assert.Equal(earlier, await history.FindByClientMsgIdAsync("upgraded", earlier.ClientMsgId, Cancellation));
            Assert.Single(await new SqliteMessageSearch(database, readAtMost: 0).SearchAsync(["upgraded"], "会员服务", 10, Cancellation));
            await history.AppendAsync([Text("upgraded", 3, "after the upgrade")], Cancellation);
            Assert.Equal(3, await history.ReadMaxSeqAsync("upgraded", Cancellation));
        }
    }
}
