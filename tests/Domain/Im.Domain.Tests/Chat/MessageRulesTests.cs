using Im.Domain.Chat;
using Im.Domain.Errors;
using Im.Domain.Tests.Support;

namespace Im.Domain.Tests.Chat;

public sealed class MessageRulesTests : ChatTestBase
{
    protected override Task<ChatHost> StartHostAsync() =>
        ChatHost.StartAsync(Store, o =>
        {
            o.MaxTextLength = 20;
            o.MaxMentions = 2;
            o.MaxClientMsgIdLength = 10;
            o.DefaultHistoryPage = 4;
            o.MaxHistoryPage = 5;
        });

    [Fact]
    public async Task AnOutsiderCanNeitherSendNorReadAndNothingIsStored()
    {
        var (group, owner, _, _) = await GroupAsync();
        var outsider = (await Host.CreateMembersAsync("outsider"))[0];

        await Refusal.ExpectAsync(ErrorCodes.NotMember, () => group.SendAsync(new SendMessageCommand(outsider, "c1", "let me in")));
        await Refusal.ExpectAsync(ErrorCodes.NotMember, () => group.GetHistoryAsync(outsider, new HistoryQuery()));
        await Refusal.ExpectAsync(ErrorCodes.NotMember, () => group.GetInfoAsync(outsider));
        await Refusal.ExpectAsync(ErrorCodes.NotMember, () => group.GetMembersAsync(outsider));

        var id = (await group.GetInfoAsync(owner)).ConversationId;
        Assert.Equal(0, await Host.History.ReadMaxSeqAsync(id, TestContext.Current.CancellationToken));
        Assert.Empty(Host.Edge.Messages);
    }

    [Fact]
    public async Task TextMustBeNonEmptyAndAtMostTheLimitAndClientMsgIdsWithinTheirLength()
    {
        var (group, owner, _, _) = await GroupAsync();

        await Refusal.ExpectAsync(ErrorCodes.TooLarge, () => group.SendAsync(new SendMessageCommand(owner, "c1", new string('x', 21))));
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => group.SendAsync(new SendMessageCommand(owner, "c1", " \n\t ")));
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => group.SendAsync(new SendMessageCommand(owner, "c1", null!)));
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => group.SendAsync(new SendMessageCommand(owner, "", "hi")));
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => group.SendAsync(new SendMessageCommand(owner, new string('c', 11), "hi")));

        Assert.Equal(1, (await group.SendAsync(new SendMessageCommand(owner, new string('c', 10), new string('x', 20)))).Seq);
    }

    [Fact]
    public async Task MentionsMustBeDistinctMembersAndFewEnough()
    {
        var (group, owner, ann, bob) = await GroupAsync();
        var outsider = (await Host.CreateMembersAsync("outsider"))[0];

        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => group.SendAsync(new SendMessageCommand(owner, "c1", "hi", [outsider])));
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => group.SendAsync(new SendMessageCommand(owner, "c1", "hi", [ann, ann])));
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => group.SendAsync(new SendMessageCommand(owner, "c1", "hi", [ann, bob, owner])));

        await group.SendAsync(new SendMessageCommand(owner, "c1", "hi both", [bob, ann]));
        var stored = Assert.Single((await group.GetHistoryAsync(ann, new HistoryQuery())).Messages);
        Assert.Equal([bob, ann], stored.Mentions);
        Assert.Equal("hi both", stored.Text);
        Assert.Equal(owner, stored.SenderId);
    }

    [Fact]
    public async Task HistoryPagesAfterBeforeAndNewestSayWhetherThereIsMore()
    {
        var (group, owner, ann, _) = await GroupAsync();
        for (var i = 1; i <= 7; i++)
        {
            await group.SendAsync(new SendMessageCommand(i % 2 == 0 ? ann : owner, $"c{i}", $"message {i}"));
        }

        async Task<string> Page(long? after, long? before, int? limit)
        {
            var page = await group.GetHistoryAsync(ann, new HistoryQuery(after, before, limit));
            return $"{string.Join(",", page.Messages.Select(m => m.Seq))}{(page.HasMore ? "+" : "")}";
        }

        Assert.Equal("4,5,6,7+", await Page(null, null, null));
        Assert.Equal("5,6,7+", await Page(null, null, 3));
        Assert.Equal("2,3,4+", await Page(null, 5, 3));
        Assert.Equal("1", await Page(null, 2, 3));
        Assert.Equal("1,2,3+", await Page(0, null, 3));
        Assert.Equal("7", await Page(6, null, 3));
        Assert.Equal("", await Page(7, null, 3));
        Assert.Equal("3,4", await Page(2, 5, 3));
        Assert.Equal("3+", await Page(2, 5, 1));
        Assert.Equal("3,4,5,6,7+", await Page(null, null, 1000));
        Assert.Equal("", await Page(3, 4, null));

        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => Page(null, null, 0));
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => Page(null, null, -1));
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => Page(-1, null, null));
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => Page(null, 0, null));
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => Page(5, 5, null));

        var message = (await group.GetHistoryAsync(ann, new HistoryQuery(3, 5))).Messages[0];
        Assert.Equal((4L, ann, "c4", "message 4"), (message.Seq, message.SenderId, message.ClientMsgId, message.Text));
        Assert.Empty(message.Mentions);
        Assert.Equal(7, (await group.GetInfoAsync(ann)).MaxSeq);
    }

    [Fact]
    public async Task SendsWriteHistoryOnlyNeverTheConversationState()
    {
        var (group, owner, ann, _) = await GroupAsync();
        var id = (await group.GetInfoAsync(owner)).ConversationId;
        var before = await Host.StateStore.ReadAsync("conversation", id, TestContext.Current.CancellationToken);

        for (var i = 0; i < 5; i++)
        {
            await group.SendAsync(new SendMessageCommand(ann, $"c{i}", "no state write"));
        }

        var after = await Host.StateStore.ReadAsync("conversation", id, TestContext.Current.CancellationToken);
        Assert.NotNull(before.Etag);
        Assert.Equal(before.Etag, after.Etag);
        Assert.Equal(5, await Host.History.ReadMaxSeqAsync(id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ARemovedMemberCanNoLongerReadOrSend()
    {
        var (group, owner, ann, _) = await GroupAsync();
        await group.SendAsync(new SendMessageCommand(ann, "c1", "while inside"));

        await group.RemoveMemberAsync(owner, ann);

        await Refusal.ExpectAsync(ErrorCodes.NotMember, () => group.GetHistoryAsync(ann, new HistoryQuery()));
        await Refusal.ExpectAsync(ErrorCodes.NotMember, () => group.SendAsync(new SendMessageCommand(ann, "c2", "still here?")));
        await Refusal.ExpectAsync(ErrorCodes.NotMember, () => group.GetInfoAsync(ann));
    }

    private async Task<(IConversationGrain Group, string Owner, string Ann, string Bob)> GroupAsync()
    {
        var ids = await Host.CreateMembersAsync("owner", "ann", "bob");
        var group = Host.Conversation(ConversationIds.NewGroup());
        await group.CreateGroupAsync(ids[0], "Group", [ids[1], ids[2]]);
        return (group, ids[0], ids[1], ids[2]);
    }
}
