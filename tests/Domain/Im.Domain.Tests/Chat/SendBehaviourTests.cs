using Im.Domain.Chat;
using Im.Domain.Errors;
using Im.Domain.Tests.Support;

namespace Im.Domain.Tests.Chat;

/// <summary>
/// What a send guarantees, run once per storage adapter by a subclass that says how to
/// make a store: gapless seqs, idempotent retries (across restarts too), and fencing of a
/// second activation by the history store.
/// </summary>
public abstract class SendBehaviourTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>A store for one test: its own data, or ids of its own on shared data.</summary>
    protected abstract Task<ChatStore> CreateStoreAsync();

    [Fact]
    public async Task ConcurrentSendsFromSeveralMembersGetGaplessSeqsOneToN()
    {
        await using var store = await CreateStoreAsync();
        await using var host = await ChatHost.StartAsync(store);
        var (id, members) = await GroupAsync(host, "ann", "bob", "cy", "dee");
        var group = host.Conversation(id);

        var receipts = await Task.WhenAll(Enumerable.Range(0, 200)
            .Select(i => Task.Run(() => group.SendAsync(new SendMessageCommand(members[i % members.Length], $"c{i}", $"message {i}")), Cancellation)));

        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), receipts.Select(r => r.Seq).Order());
        var page = await group.GetHistoryAsync(members[0], new HistoryQuery(Limit: 200));
        Assert.False(page.HasMore);
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), page.Messages.Select(m => m.Seq));
        Assert.All(page.Messages, m => Assert.Equal($"message {m.ClientMsgId[1..]}", m.Text));
        Assert.Equal(receipts.OrderBy(r => r.Seq).Select(r => r.ClientMsgId), page.Messages.Select(m => m.ClientMsgId));
        Assert.Equal(200, (await group.GetInfoAsync(members[1])).MaxSeq);
    }

    [Fact]
    public async Task ARetryWithTheSameClientMsgIdReturnsTheSameReceiptAndStoresOneMessage()
    {
        await using var store = await CreateStoreAsync();
        await using var host = await ChatHost.StartAsync(store);
        var (id, members) = await GroupAsync(host, "ann", "bob");
        var group = host.Conversation(id);

        var first = await group.SendAsync(new SendMessageCommand(members[0], "once", "hello"));
        var retries = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => group.SendAsync(new SendMessageCommand(members[0], "once", "hello"))));
        var next = await group.SendAsync(new SendMessageCommand(members[1], "other", "hi"));

        Assert.All(retries, r => Assert.Equal(first, r));
        Assert.Equal(2, next.Seq);
        Assert.Equal(["once", "other"], (await group.GetHistoryAsync(members[0], new HistoryQuery())).Messages.Select(m => m.ClientMsgId));
    }

    [Fact]
    public async Task ARetryAfterARestartReturnsTheStoredReceiptAndSeqsContinue()
    {
        await using var store = await CreateStoreAsync();
        var (id, members, sent) = await GroupBeforeRestartAsync(store, (0, "before-restart", "hello"), (1, "second", "hi"));
        var first = sent[0];

        await using (var restarted = await ChatHost.StartAsync(store))
        {
            var group = restarted.Conversation(id);
            var retried = await group.SendAsync(new SendMessageCommand(members[0], "before-restart", "hello"));
            var third = await group.SendAsync(new SendMessageCommand(members[1], "after-restart", "again"));

            Assert.Equal(first, retried);
            Assert.Equal(3, third.Seq);
            Assert.Equal([1L, 2L, 3L], (await group.GetHistoryAsync(members[0], new HistoryQuery())).Messages.Select(m => m.Seq));
            Assert.Equal([3L], restarted.Edge.Messages.Select(m => m.Seq));
        }
    }

    [Fact]
    public async Task AfterARestartNewSendsAreToldFromRetriesWithoutAHistoryLookupEach()
    {
        await using var store = await CreateStoreAsync();
        var (id, members, sent) = await GroupBeforeRestartAsync(store, (0, "before-restart", "hello"));
        var first = sent[0];

        CountingHistoryStore? history = null;
        await using var restarted = await ChatHost.StartAsync(store, history: inner => history = new CountingHistoryStore(inner));
        var group = restarted.Conversation(id);

        // Reading activates the conversation without loading its ids: only a send needs them.
        await group.GetHistoryAsync(members[1], new HistoryQuery());
        Assert.Equal(0, history!.Preloads);
        for (var i = 0; i < 200; i++)
        {
            await group.SendAsync(new SendMessageCommand(members[i % 2], $"after-restart-{i}", "again"));
        }

        var lookupsForNewIds = history.Lookups;
        var retried = await group.SendAsync(new SendMessageCommand(members[0], "before-restart", "hello"));

        // The ids stored before the restart are loaded once; about 1 new id in 100 still
        // looks like a stored one and is looked up.
        Assert.Equal(1, history.Preloads);
        Assert.InRange(lookupsForNewIds, 0, 10);
        Assert.Equal(first, retried);
        Assert.Equal(201, await restarted.History.ReadMaxSeqAsync(id, Cancellation));
    }

    [Fact]
    public async Task AFilterFilledByALongActivationIsReadAgainRatherThanAskingForMoreAndMoreIds()
    {
        await using var store = await CreateStoreAsync();
        var (id, members, sent) = await GroupBeforeRestartAsync(store, (0, "before-restart", "hello"));

        CountingHistoryStore? history = null;
        await using var restarted = await ChatHost.StartAsync(store, history: inner => history = new CountingHistoryStore(inner));
        var group = restarted.Conversation(id);

        // A filter is sized for 1,024 new sends past the ids it read; these go 300 beyond.
        const int sends = 1_324;
        for (var i = 0; i < sends; i++)
        {
            await group.SendAsync(new SendMessageCommand(members[i % 2], $"long-activation-{i}", "again"));
        }

        var retried = await group.SendAsync(new SendMessageCommand(members[0], "before-restart", "hello"));

        Assert.Equal(2, history!.Preloads);
        Assert.InRange(history.Lookups, 1, 40);
        Assert.Equal(sent[0], retried);
        Assert.Equal(sends + 1, await restarted.History.ReadMaxSeqAsync(id, Cancellation));
    }

    [Fact]
    public async Task AConversationTooLongToLoadLooksEachNewClientMsgIdUp()
    {
        await using var store = await CreateStoreAsync();
        var (id, members, _) = await GroupBeforeRestartAsync(store, (0, "one", "hello"), (1, "two", "hi"));

        CountingHistoryStore? history = null;
        await using var restarted = await ChatHost.StartAsync(store, options => options.MaxPreloadedClientMsgIds = 1, history: inner => history = new CountingHistoryStore(inner));
        var group = restarted.Conversation(id);
        var third = await group.SendAsync(new SendMessageCommand(members[0], "three", "again"));
        var retried = await group.SendAsync(new SendMessageCommand(members[1], "two", "hi"));

        Assert.Equal(0, history!.Preloads);
        Assert.Equal(2, history.Lookups);
        Assert.Equal((3L, 2L), (third.Seq, retried.Seq));
    }

    [Fact]
    public async Task AClientMsgIdUsedByAnotherSenderIsRefusedAlsoAfterARestart()
    {
        await using var store = await CreateStoreAsync();
        string id;
        string[] members;
        await using (var host = await ChatHost.StartAsync(store))
        {
            (id, members) = await GroupAsync(host, "ann", "bob");
            await host.Conversation(id).SendAsync(new SendMessageCommand(members[0], "shared", "mine"));
            await Refusal.ExpectAsync(ErrorCodes.Invalid, () => host.Conversation(id).SendAsync(new SendMessageCommand(members[1], "shared", "mine too")));
        }

        await using var restarted = await ChatHost.StartAsync(store);
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => restarted.Conversation(id).SendAsync(new SendMessageCommand(members[1], "shared", "mine too")));
        Assert.Equal(1, await restarted.History.ReadMaxSeqAsync(id, Cancellation));
    }

    [Fact]
    public async Task WhenAnotherActivationTookTheSeqTheSendIsAConflictAndItsRetryLands()
    {
        await using var store = await CreateStoreAsync();
        await using var nodeA = await ChatHost.StartAsync(store);
        await using var nodeB = await ChatHost.StartAsync(store);
        var (id, members) = await GroupAsync(nodeA, "ann", "bob");

        // Both nodes hold an activation that read max seq 0, as after a split.
        Assert.Equal(0, (await nodeB.Conversation(id).GetInfoAsync(members[1])).MaxSeq);
        var onA = await nodeA.Conversation(id).SendAsync(new SendMessageCommand(members[0], "from-a", "first"));
        await Refusal.ExpectAsync(ErrorCodes.Conflict, () => nodeB.Conversation(id).SendAsync(new SendMessageCommand(members[1], "from-b", "second")));
        var onB = await nodeB.Conversation(id).SendAsync(new SendMessageCommand(members[1], "from-b", "second"));
        var retriedOnB = await nodeB.Conversation(id).SendAsync(new SendMessageCommand(members[0], "from-a", "first"));

        Assert.Equal((1L, 2L), (onA.Seq, onB.Seq));
        Assert.Equal(onA, retriedOnB);
        var stored = await nodeB.History.ReadAfterAsync(id, 0, long.MaxValue, 10, Cancellation);
        Assert.Equal(["from-a", "from-b"], stored.Select(m => m.ClientMsgId));
    }

    /// <summary>A group of ann and bob with these sends (sender index, clientMsgId, text), made on a host that is then stopped.</summary>
    private static async Task<(string Id, string[] Members, SendReceipt[] Sent)> GroupBeforeRestartAsync(ChatStore store, params (int Sender, string ClientMsgId, string Text)[] sends)
    {
        await using var host = await ChatHost.StartAsync(store);
        var (id, members) = await GroupAsync(host, "ann", "bob");
        var sent = new SendReceipt[sends.Length];
        for (var i = 0; i < sends.Length; i++)
        {
            sent[i] = await host.Conversation(id).SendAsync(new SendMessageCommand(members[sends[i].Sender], sends[i].ClientMsgId, sends[i].Text));
        }

        return (id, members, sent);
    }

    private static async Task<(string Id, string[] Members)> GroupAsync(ChatHost host, params string[] names)
    {
        var members = await host.CreateMembersAsync(names);
        var id = ConversationIds.NewGroup();
        await host.Conversation(id).CreateGroupAsync(members[0], "Sends", members[1..]);
        return (id, members);
    }
}
