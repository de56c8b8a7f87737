using Im.Domain.Chat;
using Im.Domain.Errors;
using Im.Domain.Tests.Support;

namespace Im.Domain.Tests.Chat;

public sealed class RecallAndEditTests : ChatTestBase
{
    private readonly ManualTimeProvider _time = new();

    protected override Task<ChatHost> StartHostAsync() =>
        ChatHost.StartAsync(Store, time: _time);

    [Fact]
    public async Task TheSenderRecallsWithinTheWindowAndHistoryKeepsATombstoneAtTheSeq()
    {
        var (id, group, owner, ann, _) = await GroupAsync();
        await SendAsync(group, owner, "first");
        var seq = await SendAsync(group, ann, "oops", [owner]);
        await SendAsync(group, owner, "third");
        _time.Advance(TimeSpan.FromMinutes(1));

        var recall = await group.RecallAsync(ann, seq);

        Assert.Equal(new MessageRecall(id, seq, ann, _time.GetUtcNow()), recall);
        Assert.Equal([recall], Host.Edge.Recalls);
        var history = (await group.GetHistoryAsync(owner, new HistoryQuery())).Messages;
        Assert.Equal([1L, 2L, 3L], history.Select(m => m.Seq));
        var tombstone = history[1];
        Assert.True(tombstone.Recalled);
        Assert.Equal((ann, string.Empty, 0, 1L), (tombstone.RecalledBy, tombstone.Text, tombstone.Mentions.Count, tombstone.EditVersion));
        Assert.Equal(ann, tombstone.SenderId);
        Assert.Equal(MentionSummary.None, await group.GetMentionsAsync(owner, 0));
    }

    [Fact]
    public async Task RepeatingARecallAnswersTheFirstAndPushesNothingMore()
    {
        var (_, group, owner, ann, _) = await GroupAsync();
        var seq = await SendAsync(group, ann, "oops");
        var first = await group.RecallAsync(ann, seq);

        Assert.Equal(first, await group.RecallAsync(ann, seq));
        Assert.Equal(first, await group.RecallAsync(owner, seq));
        Assert.Single(Host.Edge.Recalls);
    }

    [Fact]
    public async Task AfterTheWindowTheSenderIsForbiddenButAGroupAdminMayRecall()
    {
        var (_, group, owner, ann, bob) = await GroupAsync();
        await group.SetRoleAsync(owner, bob, MemberRole.Admin);
        var annSeq = await SendAsync(group, ann, "kept");
        var ownerSeq = await SendAsync(group, owner, "also kept");
        _time.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));

        await Refusal.ExpectAsync(ErrorCodes.Forbidden, () => group.RecallAsync(ann, annSeq));
        var byAdmin = await group.RecallAsync(bob, annSeq);
        var byOwner = await group.RecallAsync(owner, ownerSeq);

        Assert.Equal(bob, byAdmin.RecalledBy);
        Assert.Equal(owner, byOwner.RecalledBy);
        Assert.All((await group.GetHistoryAsync(ann, new HistoryQuery())).Messages, m => Assert.True(m.Recalled));
    }

    [Fact]
    public async Task OtherMembersMayNotRecallAndMissingMessagesAreNotFound()
    {
        var (_, group, owner, ann, bob) = await GroupAsync();
        var seq = await SendAsync(group, ann, "mine");
        var (outsider, _, _) = await TrioAsync();

        await Refusal.ExpectAsync(ErrorCodes.Forbidden, () => group.RecallAsync(bob, seq));
        await Refusal.ExpectAsync(ErrorCodes.NotMember, () => group.RecallAsync(outsider, seq));
        await Refusal.ExpectAsync(ErrorCodes.NotFound, () => group.RecallAsync(owner, seq + 1));
        await Refusal.ExpectAsync(ErrorCodes.NotFound, () => group.RecallAsync(owner, 0));
        await Refusal.ExpectAsync(ErrorCodes.NotFound, () => group.EditAsync(new EditMessageCommand(ann, seq + 1, "x")));
        Assert.Empty(Host.Edge.Recalls);
    }

    [Fact]
    public async Task InADirectConversationOnlyTheSenderRecallsAndOnlyWithinTheWindow()
    {
        var (ann, bob, _) = await TrioAsync();
        var direct = Host.Conversation(ConversationIds.Direct(ann, bob));
        await direct.OpenDirectAsync(ann, bob);
        var seq = await SendAsync(direct, ann, "hi");

        await Refusal.ExpectAsync(ErrorCodes.Forbidden, () => direct.RecallAsync(bob, seq));
        _time.Advance(TimeSpan.FromMinutes(3));
        await Refusal.ExpectAsync(ErrorCodes.Forbidden, () => direct.RecallAsync(ann, seq));
    }

    [Fact]
    public async Task AnEditKeepsTheSeqBumpsTheVersionAndShowsInHistory()
    {
        var (_, group, owner, ann, bob) = await GroupAsync();
        var seq = await SendAsync(group, ann, "helo", [bob]);
        var sent = (await group.GetHistoryAsync(ann, new HistoryQuery())).Messages.Single();
        _time.Advance(TimeSpan.FromHours(1));

        var first = await group.EditAsync(new EditMessageCommand(ann, seq, "hello"));
        var second = await group.EditAsync(new EditMessageCommand(ann, seq, "hello all", [owner]));

        // Equivalent, not Equal: records compare their mention lists by reference.
        Assert.Equivalent(sent with { Text = "hello", EditVersion = 1, EditedAt = _time.GetUtcNow() }, first, strict: true);
        Assert.Equivalent(sent with { Text = "hello all", Mentions = [owner], EditVersion = 2, EditedAt = _time.GetUtcNow() }, second, strict: true);
        Assert.Equivalent(new[] { first, second }, Host.Edge.Edits, strict: true);
        Assert.Equivalent(new[] { second }, (await group.GetHistoryAsync(bob, new HistoryQuery())).Messages, strict: true);
        Assert.Equal(new MentionSummary(1, seq), await group.GetMentionsAsync(owner, 0));
        Assert.Equal(MentionSummary.None, await group.GetMentionsAsync(bob, 0));
    }

    [Fact]
    public async Task EditsAreTheSendersWithinTheWindowAndNeverOfARecalledMessage()
    {
        var (_, group, owner, ann, _) = await GroupAsync();
        var seq = await SendAsync(group, ann, "text");
        var recalled = await SendAsync(group, ann, "gone");
        await group.RecallAsync(ann, recalled);

        await Refusal.ExpectAsync(ErrorCodes.Forbidden, () => group.EditAsync(new EditMessageCommand(owner, seq, "owner's words")));
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => group.EditAsync(new EditMessageCommand(ann, recalled, "back")));
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => group.EditAsync(new EditMessageCommand(ann, seq, "  ")));
        await Refusal.ExpectAsync(ErrorCodes.TooLarge, () => group.EditAsync(new EditMessageCommand(ann, seq, new string('x', 5001))));
        await Refusal.ExpectAsync(ErrorCodes.Forbidden, () => group.EditAsync(new EditMessageCommand(ann, seq, "hi", [MentionIds.All])));
        _time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        await Refusal.ExpectAsync(ErrorCodes.Forbidden, () => group.EditAsync(new EditMessageCommand(ann, seq, "late")));

        Assert.Empty(Host.Edge.Edits);
        Assert.Equal("text", (await group.GetHistoryAsync(ann, new HistoryQuery())).Messages[0].Text);
    }

    [Fact]
    public async Task AnEditBuildsOnAVersionAnotherNodeWrote()
    {
        var (id, group, _, ann, _) = await GroupAsync();
        var seq = await SendAsync(group, ann, "original");

        // Another node's edit lands in the store behind this activation's back.
        Assert.True(await Host.History.UpdateBodyAsync(id, seq, """{"text":"theirs","mentions":[]}""", 0, CancellationToken.None));
        var edited = await group.EditAsync(new EditMessageCommand(ann, seq, "mine"));

        // The grain reads the message before each change, so it builds on the newer version.
        Assert.Equal(2, edited.EditVersion);
    }

    private async Task<(string Id, IConversationGrain Group, string Owner, string Ann, string Bob)> GroupAsync()
    {
        var (owner, ann, bob) = await TrioAsync();
        var id = ConversationIds.NewGroup();
        var group = Host.Conversation(id);
        await group.CreateGroupAsync(owner, "Shop floor", [ann, bob]);
        return (id, group, owner, ann, bob);
    }

    private async Task<(string, string, string)> TrioAsync()
    {
        var ids = await Host.CreateMembersAsync("owner", "ann", "bob");
        return (ids[0], ids[1], ids[2]);
    }

    private static async Task<long> SendAsync(IConversationGrain conversation, string senderId, string text, IReadOnlyList<string>? mentions = null) =>
        (await conversation.SendAsync(new SendMessageCommand(senderId, Guid.NewGuid().ToString("N"), text, mentions))).Seq;
}
