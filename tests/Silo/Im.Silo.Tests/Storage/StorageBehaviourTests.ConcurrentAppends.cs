using Im.Domain.History;

namespace Im.Silo.Tests.Storage;

/// <summary>
/// Appends that wait together: the SQLite adapter writes them in one transaction (group
/// commit), PostgreSQL in as many concurrent ones. Either way each append keeps its own
/// outcome: durable when its task completes, all or none, a taken seq failing only itself.
/// </summary>
public abstract partial class StorageBehaviourTests
{
    [Fact]
    public async Task AppendsThatWaitedTogetherAreAllDurable()
    {
        var conversations = Enumerable.Range(0, 60).Select(i => Unique($"together-{i}")).ToList();
        await using (var storage = await OpenAsync())
        {
            List<Task> appends;
            await using (await storage.HoldHistoryWritesAsync(Cancellation))
            {
                // Even ones append two messages at once, odd ones one.
                appends = [.. conversations.Select((conversation, i) => storage.History.AppendAsync(
                    i % 2 == 0 ? [Message(conversation, 1), Message(conversation, 2)] : [Message(conversation, 1)],
                    Cancellation))];
                Assert.DoesNotContain(appends, append => append.IsCompleted);
            }

            await Task.WhenAll(appends);
        }

        await using var reopened = await OpenAsync();
        for (var i = 0; i < conversations.Count; i++)
        {
            var expected = i % 2 == 0 ? [Message(conversations[i], 1), Message(conversations[i], 2)] : new[] { Message(conversations[i], 1) };
            Assert.Equal(expected, await reopened.History.ReadAfterAsync(conversations[i], 0, long.MaxValue, 10, Cancellation));
        }
    }

    [Fact]
    public async Task ATakenSeqFailsOnlyItsOwnAppendAmongThoseThatWaitedTogether()
    {
        await using var storage = await OpenAsync();
        var taken = Unique("taken");
        var before = Unique("before");
        var after = Unique("after");
        var pair = Unique("pair");
        var original = Message(taken, 1);
        await storage.History.AppendAsync([original], Cancellation);

        Task first, duplicate, mixed, second, pairTail;
        await using (await storage.HoldHistoryWritesAsync(Cancellation))
        {
            first = storage.History.AppendAsync([Message(before, 1)], Cancellation);
            duplicate = storage.History.AppendAsync([original with { Body = """{"text":"overwrite"}""" }], Cancellation);

            // Two messages of which the second hits the taken seq: the first must not stay behind.
            mixed = storage.History.AppendAsync([Message(taken, 2), Message(taken, 1)], Cancellation);
            second = storage.History.AppendAsync([Message(after, 1)], Cancellation);
            pairTail = storage.History.AppendAsync([Message(pair, 1), Message(pair, 2)], Cancellation);
        }

        await first;
        await second;
        await pairTail;
        var refused = await Assert.ThrowsAsync<DuplicateMessageException>(() => duplicate);
        Assert.Equal((taken, 1L), (refused.ConversationId!, refused.Seq));
        refused = await Assert.ThrowsAsync<DuplicateMessageException>(() => mixed);
        Assert.Equal((taken, 1L), (refused.ConversationId!, refused.Seq));

        Assert.Equal([original], await storage.History.ReadAfterAsync(taken, 0, long.MaxValue, 10, Cancellation));
        Assert.Equal([Message(before, 1)], await storage.History.ReadAfterAsync(before, 0, long.MaxValue, 10, Cancellation));
        Assert.Equal([Message(after, 1)], await storage.History.ReadAfterAsync(after, 0, long.MaxValue, 10, Cancellation));
        Assert.Equal([Message(pair, 1), Message(pair, 2)], await storage.History.ReadAfterAsync(pair, 0, long.MaxValue, 10, Cancellation));
    }

    [Fact]
    public async Task OfTwoAppendsOfOneSeqThatWaitedTogetherExactlyOneIsStored()
    {
        await using var storage = await OpenAsync();
        var conversation = Unique("race");
        var mine = Message(conversation, 1) with { SenderId = "first-activation" };
        var theirs = Message(conversation, 1) with { SenderId = "second-activation" };

        Task<bool>[] appends;
        await using (await storage.HoldHistoryWritesAsync(Cancellation))
        {
            appends = [Succeeded(storage.History.AppendAsync([mine], Cancellation)), Succeeded(storage.History.AppendAsync([theirs], Cancellation))];
        }

        var outcomes = await Task.WhenAll(appends);
        Assert.Single(outcomes, succeeded => succeeded);
        var stored = Assert.Single(await storage.History.ReadAfterAsync(conversation, 0, long.MaxValue, 10, Cancellation));
        Assert.Equal(outcomes[0] ? mine : theirs, stored);
    }

    [Fact]
    public async Task AnAppendCancelledWhileWaitingIsNotStored()
    {
        await using var storage = await OpenAsync();
        var conversation = Unique("cancelled");
        var other = Unique("not-cancelled");
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);

        Task cancelled, kept;
        await using (await storage.HoldHistoryWritesAsync(Cancellation))
        {
            cancelled = storage.History.AppendAsync([Message(conversation, 1)], giveUp.Token);
            kept = storage.History.AppendAsync([Message(other, 1)], Cancellation);
            await giveUp.CancelAsync();
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        await kept;
        Assert.Empty(await storage.History.ReadAfterAsync(conversation, 0, long.MaxValue, 10, Cancellation));
        Assert.Equal(0, await storage.History.ReadMaxSeqAsync(conversation, Cancellation));
        Assert.Equal([Message(other, 1)], await storage.History.ReadAfterAsync(other, 0, long.MaxValue, 10, Cancellation));
    }

    private static async Task<bool> Succeeded(Task append)
    {
        try
        {
            await append;
            return true;
        }
        catch (DuplicateMessageException)
        {
            return false;
        }
    }
}
