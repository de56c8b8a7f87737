using Im.Domain.Chat;
using Im.Domain.Errors;
using Im.Domain.Tests.Support;

namespace Im.Domain.Tests.Chat;

public sealed class MentionTests : ChatTestBase
{
    protected override Task<ChatHost> StartHostAsync() =>
        ChatHost.StartAsync(Store, o => o.MaxMentionScan = 5);

    [Fact]
    public async Task APlainMemberMayNotMentionAllAndNothingIsStored()
    {
        var (id, owner, ann, _) = await GroupAsync();

        await Refusal.ExpectAsync(ErrorCodes.Forbidden, () => SendAsync(id, ann, [MentionIds.All]));

        Assert.Equal(0, (await Host.Conversation(id).GetInfoAsync(owner)).MaxSeq);
    }

    [Fact]
    public async Task AllFromAnOwnerOrAdminCountsForEveryoneButTheSender()
    {
        var (id, owner, ann, bob) = await GroupAsync();
        var group = Host.Conversation(id);
        await group.SetRoleAsync(owner, ann, MemberRole.Admin);

        var byOwner = await SendAsync(id, owner, [MentionIds.All]);
        var byAdmin = await SendAsync(id, ann, [MentionIds.All]);

        Assert.Equal(new MentionSummary(2, byAdmin), await group.GetMentionsAsync(bob, 0));
        Assert.Equal(new MentionSummary(1, byAdmin), await group.GetMentionsAsync(owner, 0));
        Assert.Equal(new MentionSummary(1, byOwner), await group.GetMentionsAsync(ann, 0));
        Assert.Equal(new MentionSummary(1, byAdmin), await group.GetMentionsAsync(bob, byOwner));
    }

    [Fact]
    public async Task InADirectConversationNobodyMentionsAll()
    {
        var ids = await Host.CreateMembersAsync("ann", "bob");
        var id = ConversationIds.Direct(ids[0], ids[1]);
        await Host.Conversation(id).OpenDirectAsync(ids[0], ids[1]);

        await Refusal.ExpectAsync(ErrorCodes.Forbidden, () => SendAsync(id, ids[0], [MentionIds.All]));
    }

    [Fact]
    public async Task MentionsCountOnlyAfterTheReadPositionAndSurviveARestart()
    {
        var (id, owner, ann, bob) = await GroupAsync();
        var first = await SendAsync(id, owner, [bob]);
        await SendAsync(id, owner, [ann]);
        var third = await SendAsync(id, ann, [bob, owner]);
        await SendAsync(id, owner, []);

        Assert.Equal(new MentionSummary(2, third), await Host.Conversation(id).GetMentionsAsync(bob, 0));
        Assert.Equal(new MentionSummary(1, third), await Host.Conversation(id).GetMentionsAsync(bob, first));
        Assert.Equal(MentionSummary.None, await Host.Conversation(id).GetMentionsAsync(bob, third));

        await Host.DisposeAsync();
        Host = await ChatHost.StartAsync(Store, o => o.MaxMentionScan = 5);
        Assert.Equal(new MentionSummary(2, third), await Host.Conversation(id).GetMentionsAsync(bob, 0));
    }

    [Fact]
    public async Task OnlyTheNewestUnreadMessagesUpToTheScanLimitAreCounted()
    {
        var (id, owner, _, bob) = await GroupAsync();
        for (var i = 0; i < 7; i++)
        {
            await SendAsync(id, owner, [bob]);
        }

        Assert.Equal(new MentionSummary(5, 7), await Host.Conversation(id).GetMentionsAsync(bob, 0));
    }

    private async Task<(string Id, string Owner, string Ann, string Bob)> GroupAsync()
    {
        var ids = await Host.CreateMembersAsync("owner", "ann", "bob");
        var id = ConversationIds.NewGroup();
        await Host.Conversation(id).CreateGroupAsync(ids[0], "Shop floor", [ids[1], ids[2]]);
        return (id, ids[0], ids[1], ids[2]);
    }

    private async Task<long> SendAsync(string conversationId, string senderId, IReadOnlyList<string> mentions) =>
        (await Host.Conversation(conversationId).SendAsync(new SendMessageCommand(senderId, Guid.NewGuid().ToString("N"), "hello", mentions))).Seq;
}
