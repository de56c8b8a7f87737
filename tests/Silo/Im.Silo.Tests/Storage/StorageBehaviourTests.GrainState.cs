using Im.Actors.Storage;

namespace Im.Silo.Tests.Storage;

public abstract partial class StorageBehaviourTests
{
    [Fact]
    public async Task ReadingAGrainThatWasNeverWrittenReturnsMissing()
    {
        await using var storage = await OpenAsync();

        Assert.Equal(StoredGrainState.Missing, await storage.State.ReadAsync(GrainType, Unique("never"), Cancellation));
    }

    [Fact]
    public async Task StateRoundTripsAndEveryWriteIssuesANewEtag()
    {
        await using var storage = await OpenAsync();
        var key = Unique("round-trip");

        var first = await storage.State.WriteAsync(GrainType, key, Bytes("one"), null, Cancellation);
        var afterFirst = await storage.State.ReadAsync(GrainType, key, Cancellation);
        var second = await storage.State.WriteAsync(GrainType, key, Bytes("two"), first, Cancellation);
        var afterSecond = await storage.State.ReadAsync(GrainType, key, Cancellation);

        Assert.Equal(Bytes("one"), afterFirst.Data);
        Assert.Equal(first, afterFirst.Etag);
        Assert.Equal(Bytes("two"), afterSecond.Data);
        Assert.Equal(second, afterSecond.Etag);
        Assert.NotEqual(first, second);
        Assert.Equal(StoredGrainState.Missing, await storage.State.ReadAsync("other-type", key, Cancellation));
    }

    [Fact]
    public async Task EmptyStateIsStoredAsEmptyNotAsMissing()
    {
        await using var storage = await OpenAsync();
        var key = Unique("empty");

        var etag = await storage.State.WriteAsync(GrainType, key, ReadOnlyMemory<byte>.Empty, null, Cancellation);
        var read = await storage.State.ReadAsync(GrainType, key, Cancellation);

        Assert.NotNull(read.Data);
        Assert.Empty(read.Data);
        Assert.Equal(etag, read.Etag);
    }

    [Fact]
    public async Task InsertingFailsWhenTheRowAlreadyExists()
    {
        await using var storage = await OpenAsync();
        var key = Unique("insert");
        var etag = await storage.State.WriteAsync(GrainType, key, Bytes("first"), null, Cancellation);

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.State.WriteAsync(GrainType, key, Bytes("second"), null, Cancellation));

        Assert.Equal(GrainType, conflict.GrainType);
        Assert.Equal(key, conflict.GrainKey);
        Assert.Null(conflict.ExpectedEtag);
        var read = await storage.State.ReadAsync(GrainType, key, Cancellation);
        Assert.Equal(Bytes("first"), read.Data);
        Assert.Equal(etag, read.Etag);
    }

    [Fact]
    public async Task AStaleEtagLosesAndTheWinnersDataStays()
    {
        await using var storage = await OpenAsync();
        var key = Unique("stale");
        var read = await storage.State.WriteAsync(GrainType, key, Bytes("v1"), null, Cancellation);
        var winner = await storage.State.WriteAsync(GrainType, key, Bytes("winner"), read, Cancellation);

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.State.WriteAsync(GrainType, key, Bytes("loser"), read, Cancellation));

        Assert.Equal(read, conflict.ExpectedEtag);
        var stored = await storage.State.ReadAsync(GrainType, key, Cancellation);
        Assert.Equal(Bytes("winner"), stored.Data);
        Assert.Equal(winner, stored.Etag);
    }

    [Theory]
    [InlineData("not-a-version")]
    [InlineData("999")]
    [InlineData("")]
    public async Task AnEtagTheStoreNeverIssuedLoses(string etag)
    {
        await using var storage = await OpenAsync();
        var key = Unique("foreign-etag");
        await storage.State.WriteAsync(GrainType, key, Bytes("v1"), null, Cancellation);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.State.WriteAsync(GrainType, key, Bytes("x"), etag, Cancellation));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.State.ClearAsync(GrainType, key, etag, Cancellation));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.State.WriteAsync(GrainType, Unique("absent"), Bytes("x"), etag, Cancellation));
        Assert.Equal(Bytes("v1"), (await storage.State.ReadAsync(GrainType, key, Cancellation)).Data);
    }

    [Fact]
    public async Task ClearLeavesATombstoneWithANewEtag()
    {
        await using var storage = await OpenAsync();
        var key = Unique("clear");
        var written = await storage.State.WriteAsync(GrainType, key, Bytes("v1"), null, Cancellation);

        var cleared = await storage.State.ClearAsync(GrainType, key, written, Cancellation);
        var read = await storage.State.ReadAsync(GrainType, key, Cancellation);

        Assert.Null(read.Data);
        Assert.Equal(cleared, read.Etag);
        Assert.NotEqual(written, cleared);
    }

    [Fact]
    public async Task AStaleWriterStillLosesAfterAClear()
    {
        await using var storage = await OpenAsync();
        var key = Unique("after-clear");
        var written = await storage.State.WriteAsync(GrainType, key, Bytes("v1"), null, Cancellation);
        var cleared = await storage.State.ClearAsync(GrainType, key, written, Cancellation);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.State.WriteAsync(GrainType, key, Bytes("stale"), written, Cancellation));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.State.WriteAsync(GrainType, key, Bytes("fresh"), null, Cancellation));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.State.ClearAsync(GrainType, key, written, Cancellation));
        Assert.Equal(new StoredGrainState(null, cleared), await storage.State.ReadAsync(GrainType, key, Cancellation));

        var revived = await storage.State.WriteAsync(GrainType, key, Bytes("v2"), cleared, Cancellation);
        Assert.Equal(Bytes("v2"), (await storage.State.ReadAsync(GrainType, key, Cancellation)).Data);
        Assert.NotEqual(written, revived);
    }

    [Fact]
    public async Task ClearingAGrainThatWasNeverWrittenLeavesATombstone()
    {
        await using var storage = await OpenAsync();
        var key = Unique("clear-missing");

        var cleared = await storage.State.ClearAsync(GrainType, key, null, Cancellation);

        Assert.Equal(new StoredGrainState(null, cleared), await storage.State.ReadAsync(GrainType, key, Cancellation));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.State.ClearAsync(GrainType, key, null, Cancellation));
    }

    [Fact]
    public async Task ConcurrentWritersWithTheSameEtagProduceExactlyOneWinner()
    {
        // Two instances stand for two activations on two nodes racing on one grain.
        await using var nodeA = await OpenAsync();
        await using var nodeB = await OpenAsync();
        var key = Unique("race");
        var read = await nodeA.State.WriteAsync(GrainType, key, Bytes("start"), null, Cancellation);

        var results = await RaceAsync(20, i => (i % 2 == 0 ? nodeA : nodeB).State.WriteAsync(GrainType, key, Bytes($"writer {i}"), read, Cancellation));

        var winner = Assert.Single(results, result => result.Etag is not null);
        Assert.All(results.Where(result => result.Etag is null), result => Assert.IsType<InconsistentStateException>(result.Error));
        var stored = await nodeA.State.ReadAsync(GrainType, key, Cancellation);
        Assert.Equal(Bytes($"writer {winner.Index}"), stored.Data);
        Assert.Equal(winner.Etag, stored.Etag);
    }

    [Fact]
    public async Task ConcurrentFirstWritesProduceExactlyOneWinner()
    {
        await using var nodeA = await OpenAsync();
        await using var nodeB = await OpenAsync();
        var key = Unique("first-race");

        var results = await RaceAsync(20, i => (i % 2 == 0 ? nodeA : nodeB).State.WriteAsync(GrainType, key, Bytes($"writer {i}"), null, Cancellation));

        var winner = Assert.Single(results, result => result.Etag is not null);
        Assert.All(results.Where(result => result.Etag is null), result => Assert.IsType<InconsistentStateException>(result.Error));
        Assert.Equal(Bytes($"writer {winner.Index}"), (await nodeB.State.ReadAsync(GrainType, key, Cancellation)).Data);
    }

    private static async Task<IReadOnlyList<RaceResult>> RaceAsync(int writers, Func<int, Task<string>> write)
    {
        // Writers wait on one gate so that they hit the store together, not one by one.
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, writers).Select(i => Task.Run(
            async () =>
            {
                await start.Task;
                try
                {
                    return new RaceResult(i, await write(i), null);
                }
                catch (Exception exception)
                {
                    return new RaceResult(i, null, exception);
                }
            },
            Cancellation)).ToList();
        start.SetResult();
        return await Task.WhenAll(tasks);
    }

    private sealed record RaceResult(int Index, string? Etag, Exception? Error);
}
