using Im.Silo.Storage.Sqlite;
using static Im.Silo.Tests.Storage.SqliteFiles;

namespace Im.Silo.Tests.Storage;

/// <summary>
/// The embedded store finds a retry's earlier message without an index on im.db's history:
/// search.db maps the clientMsgIds its index has taken up, and the rows past its keys' cursor
/// are read from the history. The shared suite covers the lookup's answers; these cover the lag.
/// </summary>
public sealed class SqliteClientMsgIdsTests : IClassFixture<SqliteStorageFixture>
{
    private const string MappedCount = "SELECT count(*) FROM message_client_ids";

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

            Assert.Equal(0, await CountAsync(Search(directory), MappedCount));
            Assert.Equal(second, await history.FindByClientMsgIdAsync("lagging", second.ClientMsgId, Cancellation));
            Assert.Null(await history.FindByClientMsgIdAsync("lagging", "never-sent", Cancellation));
            Assert.Equal([first.ClientMsgId, second.ClientMsgId], await ReadIdsAsync(history, "lagging"));
        }

        await CatchUpAsync(database);

        Assert.Equal(2, await CountAsync(Search(directory), MappedCount));
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
    public async Task AnIdCarriedTwiceIsMappedToItsLowestSeq()
    {
        var directory = _fixture.DirectoryFor(Guid.NewGuid().ToString("N"));
        using var database = await OpenAsync(directory);
        var history = new SqliteMessageHistoryStore(database);
        var lower = Text("twice", 3, "lower") with { ClientMsgId = "retried" };
        await history.AppendAsync([Text("twice", 7, "higher") with { ClientMsgId = "retried" }, lower], Cancellation);

        await CatchUpAsync(database);

        Assert.Equal(3, await CountAsync(Search(directory), "SELECT seq FROM message_client_ids WHERE conversation_id = 'twice' AND client_msg_id = 'retried'"));
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

    private static async Task<string[]> ReadIdsAsync(SqliteMessageHistoryStore history, string conversationId) =>
        [.. (await history.ReadClientMsgIdsAsync(conversationId, Cancellation)).Order(StringComparer.Ordinal)];
}
