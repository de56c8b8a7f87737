using Im.Silo.Storage.Sqlite;
using static Im.Silo.Tests.Storage.SqliteFiles;

namespace Im.Silo.Tests.Storage;

/// <summary>
/// The embedded store finds a retry's earlier message without an index on im.db's history:
/// search.db holds a token for each history row its index has taken up, and the rows past its
/// keys' cursor are read from the history. The shared suite covers the lookup's answers; these cover the lag.
/// </summary>
public sealed class SqliteClientMsgIdsTests : IClassFixture<SqliteStorageFixture>
{
    private readonly SqliteStorageFixture _fixture;

    public SqliteClientMsgIdsTests(SqliteStorageFixture fixture)
    {
        _fixture = fixture;
    }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AMessageIsFoundBeforeAndAfterTheIndexTakesItUp()
    {
        var directory = _fixture.DirectoryFor(Guid.NewGuid().ToString("N"));
        using var database = await OpenAsync(directory);
        var history = new SqliteMessageHistoryStore(database);
        var first = Text("lagging", 1, "第一条");
        var second = Text("lagging", 2, "second");

        await using (await HoldSearchWritesAsync(directory))
        {
            await history.AppendAsync([first, second], Cancellation);

            Assert.Equal(0, await CountAsync(Search(directory), ClientTokenCount));
            Assert.Equal(second, await history.FindByClientMsgIdAsync("lagging", second.ClientMsgId, Cancellation));
            Assert.Null(await history.FindByClientMsgIdAsync("lagging", "never-sent", Cancellation));
            Assert.Equal([first.ClientMsgId, second.ClientMsgId], await ReadIdsAsync(history, "lagging"));
        }

        await CatchUpAsync(database);

        Assert.Equal(2, await CountAsync(Search(directory), ClientTokenCount));
        Assert.Equal(first, await history.FindByClientMsgIdAsync("lagging", first.ClientMsgId, Cancellation));
        Assert.Null(await history.FindByClientMsgIdAsync("lagging", "never-sent", Cancellation));
        Assert.Equal([first.ClientMsgId, second.ClientMsgId], await ReadIdsAsync(history, "lagging"));

        // Half mapped, half past the cursor: the conversation's ids come from both.
        var third = Text("lagging", 3, "third");
        await using (await HoldSearchWritesAsync(directory))
        {
            await history.AppendAsync([third], Cancellation);

            Assert.Equal([first.ClientMsgId, second.ClientMsgId, third.ClientMsgId], await ReadIdsAsync(history, "lagging"));
        }
    }

    [Fact]
    public async Task AnIdCarriedTwiceIsFoundAtItsLowestSeq()
    {
        var directory = _fixture.DirectoryFor(Guid.NewGuid().ToString("N"));
        using var database = await OpenAsync(directory);
        var history = new SqliteMessageHistoryStore(database);
        var lower = Text("twice", 3, "lower") with { ClientMsgId = "retried" };
        await history.AppendAsync([Text("twice", 7, "higher") with { ClientMsgId = "retried" }, lower], Cancellation);

        await CatchUpAsync(database);

        Assert.Equal(2, await CountAsync(Search(directory), ClientTokenCount));
        Assert.Equal(lower, await history.FindByClientMsgIdAsync("twice", "retried", Cancellation));
    }

    [Fact]
    public async Task AnIndexFarBehindStillAnswersFromTheRowsPastItsKeys()
    {
        var directory = _fixture.DirectoryFor(Guid.NewGuid().ToString("N"));
        using var database = await OpenAsync(directory);
        var history = new SqliteMessageHistoryStore(database);
        const int behind = 3;

        await using (await HoldSearchWritesAsync(directory))
        {
            for (var append = 0; append < behind; append++)
            {
                await history.AppendAsync(
                    [.. Enumerable.Range(1, SqliteSearchIndex.MaxRowsPerPass).Select(seq => Text($"filler-{append}", seq, "filler"))],
                    Cancellation);
            }

            var target = Text("far-behind", 1, "after the backlog");
            await history.AppendAsync([target], Cancellation);

            Assert.Equal(target, await history.FindByClientMsgIdAsync("far-behind", target.ClientMsgId, Cancellation));
            Assert.Equal(Text("filler-0", 7, "filler"), await history.FindByClientMsgIdAsync("filler-0", "filler-0-7", Cancellation));
            Assert.Null(await history.FindByClientMsgIdAsync("far-behind", "never-sent", Cancellation));
            Assert.Equal([target.ClientMsgId], await ReadIdsAsync(history, "far-behind"));
        }
    }

    [Fact]
    public async Task IdsThatRunTogetherAreToldApart()
    {
        var directory = _fixture.DirectoryFor(Guid.NewGuid().ToString("N"));
        using var database = await OpenAsync(directory);
        var history = new SqliteMessageHistoryStore(database);
        var stored = Text("a", 1, "one") with { ClientMsgId = "bc" };
        var quoted = Text("d:\"x\" 会", 1, "two") with { ClientMsgId = "x41 \"OR\" *" };
        await history.AppendAsync([stored], Cancellation);
        await history.AppendAsync([quoted], Cancellation);

        await CatchUpAsync(database);

        Assert.Equal(stored, await history.FindByClientMsgIdAsync("a", "bc", Cancellation));
        Assert.Null(await history.FindByClientMsgIdAsync("ab", "c", Cancellation));
        Assert.Null(await history.FindByClientMsgIdAsync("a", "BC", Cancellation));
        Assert.Equal(quoted, await history.FindByClientMsgIdAsync(quoted.ConversationId, quoted.ClientMsgId, Cancellation));
        Assert.Null(await history.FindByClientMsgIdAsync(quoted.ConversationId, "x41", Cancellation));
    }

    [Fact]
    public async Task FilesFromBeforeTheTokensKeepTheirIdsFindable()
    {
        var directory = _fixture.DirectoryFor(Guid.NewGuid().ToString("N"));
        var first = Text("older", 1, "first");
        var second = Text("older", 2, "second");
        using (var database = await OpenAsync(directory))
        {
            await new SqliteMessageHistoryStore(database).AppendAsync([first, second], Cancellation);
            await CatchUpAsync(database);
        }

        // Back to search.db as it was before the tokens: the mapping held what the keys had
        // taken up, and the keys held no ids.
        await ExecuteAsync(Search(directory), """
            DROP TABLE message_client_tokens;
            CREATE TABLE message_client_ids (
              conversation_id TEXT NOT NULL, client_msg_id TEXT NOT NULL, seq INTEGER NOT NULL,
              PRIMARY KEY (conversation_id, client_msg_id)) WITHOUT ROWID;
            INSERT INTO message_client_ids VALUES ('older', 'older-1', 1), ('older', 'older-2', 2);
            ALTER TABLE message_keys DROP COLUMN client_msg_id;
            DELETE FROM schema_migrations WHERE file_name IN ('006_client_tokens.sql', '007_key_client_ids.sql');
            """);

        // Held, so the answers come from what the migration carried over, not from a new pass.
        using (var database = await OpenAsync(directory))
        {
            var history = new SqliteMessageHistoryStore(database);
            await history.ReadMaxSeqAsync("older", Cancellation);
            await using (await HoldSearchWritesAsync(directory))
            {
                Assert.Equal(2, await CountAsync(Search(directory), ClientTokenCount));
                Assert.Equal(0, await CountAsync(Search(directory), "SELECT count(*) FROM sqlite_master WHERE name = 'message_client_ids'"));
                Assert.Equal(first, await history.FindByClientMsgIdAsync("older", first.ClientMsgId, Cancellation));
                Assert.Equal(second, await history.FindByClientMsgIdAsync("older", second.ClientMsgId, Cancellation));
                Assert.Equal([first.ClientMsgId, second.ClientMsgId], await ReadIdsAsync(history, "older"));
            }

            // A key written since carries its id; the older ones still answer through history.
            var third = Text("older", 3, "third");
            await history.AppendAsync([third], Cancellation);
            await CatchUpAsync(database);

            Assert.Equal(1, await CountAsync(Search(directory), "SELECT count(*) FROM message_keys WHERE client_msg_id IS NOT NULL"));
            Assert.Equal([first.ClientMsgId, second.ClientMsgId, third.ClientMsgId], await ReadIdsAsync(history, "older"));
            Assert.Equal(third, await history.FindByClientMsgIdAsync("older", third.ClientMsgId, Cancellation));
        }
    }

    private static async Task<string[]> ReadIdsAsync(SqliteMessageHistoryStore history, string conversationId) =>
        [.. (await history.ReadClientMsgIdsAsync(conversationId, Cancellation)).Order(StringComparer.Ordinal)];
}
