using Im.Domain.History;

namespace Im.Silo.Tests.Storage;

public abstract partial class StorageBehaviourTests
{
    // Whole microseconds: the precision both adapters keep.
    private static readonly DateTimeOffset SentBase = new DateTimeOffset(2031, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1230);

    [Fact]
    public async Task AppendedMessagesRoundTripWithUtcTimestamps()
    {
        await using var storage = await OpenAsync();
        var conversation = Unique("round-trip");
        var sentAt = new DateTimeOffset(2031, 6, 7, 8, 9, 10, TimeSpan.FromHours(2)).AddTicks(4560);
        var message = new HistoryMessage(conversation, 1, "alice", "client-1", sentAt, """{"text":"hello, 世界"}""");

        await storage.History.AppendAsync([message], Cancellation);
        var read = Assert.Single(await storage.History.ReadAfterAsync(conversation, 0, long.MaxValue, 10, Cancellation));

        Assert.Equal(message, read);
        Assert.Equal(TimeSpan.Zero, read.SentAt.Offset);
    }

    [Fact]
    public async Task AppendRejectsAnExistingSeqAndKeepsTheOriginal()
    {
        await using var storage = await OpenAsync();
        var conversation = Unique("duplicate");
        var original = Message(conversation, 1);
        await storage.History.AppendAsync([original], Cancellation);

        var duplicate = await Assert.ThrowsAsync<DuplicateMessageException>(
            () => storage.History.AppendAsync([original with { SenderId = "mallory", Body = "{}" }], Cancellation));

        Assert.Equal(conversation, duplicate.ConversationId);
        Assert.Equal(1, duplicate.Seq);
        Assert.Equal([original], await storage.History.ReadAfterAsync(conversation, 0, long.MaxValue, 10, Cancellation));
    }

    [Fact]
    public async Task ABatchHittingAStoredSeqWritesNothing()
    {
        await using var storage = await OpenAsync();
        var conversation = Unique("batch");
        var original = Message(conversation, 5);
        await storage.History.AppendAsync([original], Cancellation);

        var duplicate = await Assert.ThrowsAsync<DuplicateMessageException>(() => storage.History.AppendAsync(
            [Message(conversation, 3), Message(conversation, 4), original with { Body = "{\"text\":\"overwrite\"}" }, Message(conversation, 6)],
            Cancellation));

        Assert.Equal(5, duplicate.Seq);
        Assert.Equal([original], await storage.History.ReadAfterAsync(conversation, 0, long.MaxValue, 10, Cancellation));
        Assert.Equal(5, await storage.History.ReadMaxSeqAsync(conversation, Cancellation));
    }

    [Fact]
    public async Task ABatchRepeatingASeqWritesNothing()
    {
        await using var storage = await OpenAsync();
        var conversation = Unique("repeat");

        var duplicate = await Assert.ThrowsAsync<DuplicateMessageException>(() => storage.History.AppendAsync(
            [Message(conversation, 1), Message(conversation, 2), Message(conversation, 2)],
            Cancellation));

        Assert.Equal(2, duplicate.Seq);
        Assert.Equal(0, await storage.History.ReadMaxSeqAsync(conversation, Cancellation));
    }

    [Fact]
    public async Task ReadAfterCrossesBucketBoundaries()
    {
        await using var storage = await OpenAsync();
        var conversation = Unique("range");
        await AppendRangeAsync(storage, conversation, 2500);

        Assert.Equal(Seqs(991, 2009), Seqs(await storage.History.ReadAfterAsync(conversation, 990, 2010, 5000, Cancellation)));
        Assert.Equal(Seqs(1, 100), Seqs(await storage.History.ReadAfterAsync(conversation, 0, long.MaxValue, 100, Cancellation)));
        Assert.Equal(Seqs(999, 1002), Seqs(await storage.History.ReadAfterAsync(conversation, 998, long.MaxValue, 4, Cancellation)));
        Assert.Equal(Seqs(1999, 2001), Seqs(await storage.History.ReadAfterAsync(conversation, 1998, 2002, 100, Cancellation)));
        Assert.Equal(Seqs(2491, 2500), Seqs(await storage.History.ReadAfterAsync(conversation, 2490, long.MaxValue, 100, Cancellation)));
        Assert.Empty(await storage.History.ReadAfterAsync(conversation, 2500, long.MaxValue, 100, Cancellation));
        Assert.Empty(await storage.History.ReadAfterAsync(conversation, 7, 8, 100, Cancellation));
    }

    [Fact]
    public async Task ReadBeforePagesBackwardsInAscendingOrder()
    {
        await using var storage = await OpenAsync();
        var conversation = Unique("paging");
        await AppendRangeAsync(storage, conversation, 2500);

        var pages = new List<IReadOnlyList<HistoryMessage>>();
        var before = long.MaxValue;
        while (true)
        {
            var page = await storage.History.ReadBeforeAsync(conversation, before, 300, Cancellation);
            if (page.Count == 0)
            {
                break;
            }

            pages.Add(page);
            before = page[0].Seq;
        }

        Assert.Equal(Seqs(2201, 2500), Seqs(pages[0]));
        Assert.Equal(Seqs(1901, 2200), Seqs(pages[1]));
        Assert.Equal(Seqs(1, 100), Seqs(pages[^1]));
        Assert.Equal(Seqs(1, 2500), pages.AsEnumerable().Reverse().SelectMany(Seqs));
        Assert.Equal(Seqs(995, 1004), Seqs(await storage.History.ReadBeforeAsync(conversation, 1005, 10, Cancellation)));
        Assert.Empty(await storage.History.ReadBeforeAsync(conversation, 1, 10, Cancellation));
    }

    [Fact]
    public async Task ReadMaxSeqIsZeroWithoutMessagesAndTheHighestSeqOtherwise()
    {
        await using var storage = await OpenAsync();
        var conversation = Unique("max");

        Assert.Equal(0, await storage.History.ReadMaxSeqAsync(conversation, Cancellation));
        await storage.History.AppendAsync([Message(conversation, 999), Message(conversation, 1000)], Cancellation);
        Assert.Equal(1000, await storage.History.ReadMaxSeqAsync(conversation, Cancellation));
        await storage.History.AppendAsync([Message(conversation, 3)], Cancellation);
        Assert.Equal(1000, await storage.History.ReadMaxSeqAsync(conversation, Cancellation));
    }

    [Fact]
    public async Task ReadClientMsgIdsReturnsEveryIdOfTheConversationOnly()
    {
        await using var storage = await OpenAsync();
        var conversation = Unique("ids");
        var other = Unique("ids-other");
        await storage.History.AppendAsync([.. Enumerable.Range(1, 1500).Select(seq => Message(conversation, seq))], Cancellation);
        await storage.History.AppendAsync([Message(other, 1, "elsewhere")], Cancellation);

        var ids = await storage.History.ReadClientMsgIdsAsync(conversation, Cancellation);

        Assert.Equal(Enumerable.Range(1, 1500).Select(seq => $"client-{seq}").Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
        Assert.Empty(await storage.History.ReadClientMsgIdsAsync(Unique("none"), Cancellation));
    }

    [Fact]
    public async Task FindByClientMsgIdReturnsTheLowestSeqOrNull()
    {
        await using var storage = await OpenAsync();
        var conversation = Unique("find");
        await storage.History.AppendAsync(
            [Message(conversation, 1), Message(conversation, 7, "retried"), Message(conversation, 3, "retried")],
            Cancellation);

        Assert.Equal(Message(conversation, 3, "retried"), await storage.History.FindByClientMsgIdAsync(conversation, "retried", Cancellation));
        Assert.Equal(Message(conversation, 1), await storage.History.FindByClientMsgIdAsync(conversation, "client-1", Cancellation));
        Assert.Null(await storage.History.FindByClientMsgIdAsync(conversation, "unknown", Cancellation));
        Assert.Null(await storage.History.FindByClientMsgIdAsync(Unique("other"), "retried", Cancellation));
    }

    [Fact]
    public async Task ConversationsDoNotShareSeqsOrHistory()
    {
        await using var storage = await OpenAsync();
        var first = Unique("first");
        var second = Unique("second");

        await storage.History.AppendAsync([Message(first, 1), Message(first, 2)], Cancellation);
        await storage.History.AppendAsync([Message(second, 1)], Cancellation);

        Assert.Equal([Message(second, 1)], await storage.History.ReadBeforeAsync(second, long.MaxValue, 10, Cancellation));
        Assert.Equal(2, await storage.History.ReadMaxSeqAsync(first, Cancellation));
    }

    [Fact]
    public async Task HistoryRejectsInvalidArguments()
    {
        await using var storage = await OpenAsync();
        var history = storage.History;

        await Assert.ThrowsAnyAsync<ArgumentException>(() => history.ReadAfterAsync("c", 0, 10, 0, Cancellation));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => history.ReadAfterAsync("c", -1, 10, 10, Cancellation));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => history.ReadAfterAsync("c", 10, 10, 10, Cancellation));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => history.ReadAfterAsync("", 0, 10, 10, Cancellation));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => history.ReadBeforeAsync("c", 10, -1, Cancellation));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => history.ReadBeforeAsync("c", 0, 10, Cancellation));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => history.AppendAsync([Message("a", 1), Message("b", 2)], Cancellation));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => history.AppendAsync([Message("a", 0)], Cancellation));
        await history.AppendAsync([], Cancellation);
    }

    private static HistoryMessage Message(string conversation, long seq, string? clientMsgId = null) =>
        new(conversation, seq, $"sender-{seq % 3}", clientMsgId ?? $"client-{seq}", SentBase.AddSeconds(seq), $$"""{"text":"message {{seq}}"}""");

    private static async Task AppendRangeAsync(StorageUnderTest storage, string conversation, int count)
    {
        const int BatchSize = 500;
        for (var first = 1; first <= count; first += BatchSize)
        {
            var batch = Enumerable.Range(first, Math.Min(BatchSize, count - first + 1)).Select(seq => Message(conversation, seq)).ToList();
            await storage.History.AppendAsync(batch, Cancellation);
        }
    }

    private static IEnumerable<long> Seqs(long first, long last) => Enumerable.Range((int)first, (int)(last - first + 1)).Select(seq => (long)seq);

    private static IEnumerable<long> Seqs(IReadOnlyList<HistoryMessage> messages) => messages.Select(message => message.Seq).ToList();
}
