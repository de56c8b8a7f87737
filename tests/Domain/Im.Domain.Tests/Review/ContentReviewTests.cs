using Im.Domain.Chat;
using Im.Domain.Errors;
using Im.Domain.Review;
using Im.Domain.Tests.Support;

namespace Im.Domain.Tests.Review;

/// <summary>Review applied by conversations over real grains and a real SQLite file, with word lists from files.</summary>
public sealed class ContentReviewTests : IAsyncLifetime
{
    private readonly string _lists = Path.Combine(Path.GetTempPath(), $"im-wordlists-{Guid.NewGuid():N}");
    private ChatStore _store = null!;
    private ChatHost _host = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_lists);
        await File.WriteAllTextAsync(Path.Combine(_lists, "banned.block.txt"), "# refused outright\n禁词\nForbidden\n", Cancellation);
        await File.WriteAllTextAsync(Path.Combine(_lists, "rude.mask.txt"), "darn\n混蛋\n", Cancellation);
        _store = ChatStore.Sqlite();
        _host = await ChatHost.StartAsync(_store, wordListDirectory: _lists);
        Assert.True(_host.WordLists.Reload().Succeeded);
    }

    [Fact]
    public async Task ABlockedWordIsRefusedWithBlockedNothingIsStoredAndTheDecisionIsAudited()
    {
        var (id, members) = await GroupAsync();

        var refusal = await Refusal.ExpectAsync(ErrorCodes.Blocked, () => _host.Conversation(id).SendAsync(new SendMessageCommand(members[0], "c-1", "this is FORBIDDEN talk")));

        Assert.Contains("banned", refusal.Message, StringComparison.Ordinal);
        Assert.Empty(await _host.History.ReadAfterAsync(id, 0, long.MaxValue, 10, Cancellation));
        Assert.DoesNotContain(_host.Edge.Messages, m => m.ConversationId == id);
        var record = Assert.Single(await AuditOfAsync(id));
        Assert.Equal((members[0], "c-1", ReviewDecision.Blocked, "banned"), (record.SenderId, record.ClientMsgId, record.Decision, record.ListName));
        Assert.Equal(["Forbidden"], record.MatchedWords);
        Assert.Equal(1, (await _host.Conversation(id).SendAsync(new SendMessageCommand(members[0], "c-2", "clean"))).Seq);
    }

    [Fact]
    public async Task AMaskedWordIsStoredAndDeliveredMaskedAndAudited()
    {
        var (id, members) = await GroupAsync();

        var receipt = await _host.Conversation(id).SendAsync(new SendMessageCommand(members[1], "c-1", "你这个混蛋, darn it"));

        var stored = (await _host.Conversation(id).GetHistoryAsync(members[0], new HistoryQuery())).Messages;
        Assert.Equal("你这个**, **** it", Assert.Single(stored).Text);
        Assert.Equal("你这个**, **** it", Assert.Single(_host.Edge.Messages, m => m.ConversationId == id).Text);
        var record = Assert.Single(await AuditOfAsync(id));
        Assert.Equal((members[1], "c-1", ReviewDecision.Masked, "rude"), (record.SenderId, record.ClientMsgId, record.Decision, record.ListName));
        Assert.Equal(["混蛋", "darn"], record.MatchedWords);
        Assert.Equal(1, receipt.Seq);
    }

    [Fact]
    public async Task AllowedTextIsStoredAsSentAndNotAudited()
    {
        var (id, members) = await GroupAsync();

        await _host.Conversation(id).SendAsync(new SendMessageCommand(members[0], "c-1", "all good here"));

        Assert.Equal("all good here", Assert.Single((await _host.Conversation(id).GetHistoryAsync(members[0], new HistoryQuery())).Messages).Text);
        Assert.Empty(await AuditOfAsync(id));
    }

    [Fact]
    public async Task AReloadTakesEffectForTheNextSendWhileRetriesKeepTheirFirstReceipt()
    {
        var (id, members) = await GroupAsync();
        var group = _host.Conversation(id);
        var before = await group.SendAsync(new SendMessageCommand(members[0], "c-1", "fresh news"));

        await File.WriteAllTextAsync(Path.Combine(_lists, "late.block.txt"), "fresh\n", Cancellation);
        var reload = _host.WordLists.Reload();

        Assert.True(reload.Succeeded);
        Assert.Contains(reload.Lists, l => l.Name == "late" && l.Policy == ReviewPolicy.Block);
        Assert.Equal(before, await group.SendAsync(new SendMessageCommand(members[0], "c-1", "fresh news")));
        await Refusal.ExpectAsync(ErrorCodes.Blocked, () => group.SendAsync(new SendMessageCommand(members[0], "c-2", "more fresh news")));
        Assert.Equal("late", Assert.Single(await AuditOfAsync(id)).ListName);
    }

    [Fact]
    public async Task ABrokenFileKeepsThePreviousListsInForce()
    {
        var (id, members) = await GroupAsync();
        await File.WriteAllBytesAsync(Path.Combine(_lists, "latin1.mask.txt"), [0x63, 0x61, 0x66, 0xE9, 0x0A], Cancellation);
        await File.WriteAllTextAsync(Path.Combine(_lists, "nopolicy.txt"), "anything\n", Cancellation);

        var reload = _host.WordLists.Reload();

        Assert.False(reload.Succeeded);
        Assert.Contains(".txt", reload.Error, StringComparison.Ordinal);
        Assert.Equal(["banned", "rude"], reload.Lists.Select(l => l.Name));
        await Refusal.ExpectAsync(ErrorCodes.Blocked, () => _host.Conversation(id).SendAsync(new SendMessageCommand(members[0], "c-1", "禁词")));
    }

    [Fact]
    public async Task TheFileWatcherReloadsAChangedDirectoryWithoutARestart()
    {
        var (id, members) = await GroupAsync();
        var reloaded = new TaskCompletionSource<WordListReload>(TaskCreationOptions.RunContinuationsAsynchronously);
        _host.WordLists.Reloaded += (_, outcome) =>
        {
            if (outcome.Lists.Any(l => l.Name == "watched"))
            {
                reloaded.TrySetResult(outcome);
            }
        };
        await _host.WordLists.StartAsync(Cancellation);

        // Written aside and moved in, as operators should: the watcher never sees half a file.
        var staged = Path.Combine(_lists, "watched.mask.tmp");
        await File.WriteAllTextAsync(staged, "secret\n", Cancellation);
        File.Move(staged, Path.Combine(_lists, "watched.mask.txt"));
        await reloaded.Task.DefaultTimeout();
        await _host.WordLists.StopAsync(Cancellation);

        await _host.Conversation(id).SendAsync(new SendMessageCommand(members[0], "c-1", "the Secret plan"));
        Assert.Equal("the ****** plan", Assert.Single((await _host.Conversation(id).GetHistoryAsync(members[0], new HistoryQuery())).Messages).Text);
    }

    public async ValueTask DisposeAsync()
    {
        _host.WordLists.Dispose();
        await _host.DisposeAsync();
        await _store.DisposeAsync();
        if (Directory.Exists(_lists))
        {
            Directory.Delete(_lists, recursive: true);
        }
    }

    private async Task<List<ReviewAuditRecord>> AuditOfAsync(string conversationId) =>
        [.. (await _host.Audit.ReadRecentAsync(500, Cancellation)).Where(r => r.ConversationId == conversationId)];

    private async Task<(string Id, string[] Members)> GroupAsync()
    {
        var members = await _host.CreateMembersAsync("ann", "bob");
        var id = ConversationIds.NewGroup();
        await _host.Conversation(id).CreateGroupAsync(members[0], "Review", members[1..]);
        return (id, members);
    }
}
