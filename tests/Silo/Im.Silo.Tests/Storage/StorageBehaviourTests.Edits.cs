namespace Im.Silo.Tests.Storage;

public abstract partial class StorageBehaviourTests
{
    [Fact]
    public async Task AppendedMessagesStartAtEditVersionZero()
    {
        await using var storage = await OpenAsync();
        var conversation = Unique("edit-zero");
        await storage.History.AppendAsync([Message(conversation, 1)], Cancellation);

        var read = Assert.Single(await storage.History.ReadAfterAsync(conversation, 0, long.MaxValue, 10, Cancellation));

        Assert.Equal(0, read.EditVersion);
    }

    [Fact]
    public async Task UpdateBodyReplacesTheBodyAndMovesTheVersionKeepingEverythingElse()
    {
        await using var storage = await OpenAsync();
        var conversation = Unique("edit");
        var original = Message(conversation, 1001);
        await storage.History.AppendAsync([Message(conversation, 1000), original, Message(conversation, 1002)], Cancellation);

        Assert.True(await storage.History.UpdateBodyAsync(conversation, 1001, """{"text":"edited"}""", 0, Cancellation));
        Assert.True(await storage.History.UpdateBodyAsync(conversation, 1001, """{"text":"edited again"}""", 1, Cancellation));

        var read = await storage.History.ReadAfterAsync(conversation, 999, long.MaxValue, 10, Cancellation);
        Assert.Equal([1000L, 1001L, 1002L], read.Select(m => m.Seq));
        Assert.Equal(original with { Body = """{"text":"edited again"}""", EditVersion = 2 }, read[1]);
        Assert.Equal(0, read[0].EditVersion);
        Assert.Equal(0, read[2].EditVersion);
        Assert.Equal(original with { Body = """{"text":"edited again"}""", EditVersion = 2 }, await storage.History.FindByClientMsgIdAsync(conversation, original.ClientMsgId, Cancellation));
    }

    [Fact]
    public async Task UpdateBodyWithAStaleVersionChangesNothing()
    {
        await using var storage = await OpenAsync();
        var conversation = Unique("edit-stale");
        await storage.History.AppendAsync([Message(conversation, 1)], Cancellation);
        Assert.True(await storage.History.UpdateBodyAsync(conversation, 1, """{"text":"first"}""", 0, Cancellation));

        Assert.False(await storage.History.UpdateBodyAsync(conversation, 1, """{"text":"stale"}""", 0, Cancellation));
        Assert.False(await storage.History.UpdateBodyAsync(conversation, 1, """{"text":"ahead"}""", 5, Cancellation));

        var read = Assert.Single(await storage.History.ReadAfterAsync(conversation, 0, long.MaxValue, 10, Cancellation));
        Assert.Equal(("""{"text":"first"}""", 1L), (read.Body, read.EditVersion));
    }

    [Fact]
    public async Task ConcurrentUpdatesOfOneVersionHaveExactlyOneWinner()
    {
        await using var storage = await OpenAsync();
        await using var other = await OpenAsync();
        var conversation = Unique("edit-race");
        await storage.History.AppendAsync([Message(conversation, 1)], Cancellation);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            (i % 2 == 0 ? storage : other).History.UpdateBodyAsync(conversation, 1, $$"""{"text":"writer {{i}}"}""", 0, Cancellation)));

        var winner = Assert.Single(Enumerable.Range(0, 8), i => results[i]);
        var read = Assert.Single(await other.History.ReadAfterAsync(conversation, 0, long.MaxValue, 10, Cancellation));
        Assert.Equal(($$"""{"text":"writer {{winner}}"}""", 1L), (read.Body, read.EditVersion));
    }

    [Fact]
    public async Task UpdateBodyOfAMissingMessageChangesNothing()
    {
        await using var storage = await OpenAsync();
        var conversation = Unique("edit-missing");
        await storage.History.AppendAsync([Message(conversation, 1)], Cancellation);

        Assert.False(await storage.History.UpdateBodyAsync(conversation, 2, """{"text":"ghost"}""", 0, Cancellation));
        Assert.False(await storage.History.UpdateBodyAsync(Unique("edit-none"), 1, """{"text":"ghost"}""", 0, Cancellation));

        Assert.Equal(1, await storage.History.ReadMaxSeqAsync(conversation, Cancellation));
    }
}
