using Im.Domain.Chat;
using Im.Domain.Members;
using Im.Domain.Tests.Support;

namespace Im.Domain.Tests.Chat;

public sealed class MemberConversationListTests : ChatTestBase
{
    [Fact]
    public async Task AMembersConversationListFollowsJoinsLeavesAndRemovals()
    {
        var ids = await Host.CreateMembersAsync("owner", "ann");
        var (owner, ann) = (ids[0], ids[1]);
        var groupId = ConversationIds.NewGroup();
        var roomId = ConversationIds.Room($"news-{Guid.NewGuid():N}");
        var directId = ConversationIds.Direct(owner, ann);

        await Host.Conversation(groupId).CreateGroupAsync(owner, "Group", [ann]);
        await Host.Conversation(roomId).CreateRoomAsync(owner, "Room");
        await Host.Conversation(roomId).JoinAsync(ann);
        await Host.Conversation(directId).OpenDirectAsync(ann, owner);
        Assert.Equal(Sorted(groupId, roomId, directId), await Host.ListOfAsync(ann));

        await Host.Conversation(groupId).RemoveMemberAsync(owner, ann);
        await Host.Conversation(roomId).LeaveAsync(ann);
        Assert.Equal([directId], await Host.ListOfAsync(ann));
        Assert.Equal(Sorted(groupId, roomId, directId), await Host.ListOfAsync(owner));

        await Host.Conversation(groupId).AddMembersAsync(owner, [ann]);
        await Host.Conversation(groupId).LeaveAsync(owner);
        Assert.Equal(Sorted(roomId, directId), await Host.ListOfAsync(owner));
        Assert.Equal(Sorted(groupId, directId), await Host.ListOfAsync(ann));
        Assert.Equal(MemberRole.Owner, Assert.Single(await Host.Conversation(groupId).GetMembersAsync(ann)).Role);
    }

    [Fact]
    public async Task ReadPositionsWorkOnConversationsTheMemberJoined()
    {
        var ids = await Host.CreateMembersAsync("owner", "ann");
        var direct = Host.Conversation(ConversationIds.Direct(ids[0], ids[1]));
        var info = await direct.OpenDirectAsync(ids[0], ids[1]);
        var receipt = await direct.SendAsync(new SendMessageCommand(ids[0], "c1", "read me"));

        Assert.Equal(new ReadMove(receipt.Seq, Moved: true), await Host.Member(ids[1]).MarkReadAsync(info.ConversationId, receipt.Seq));
        Assert.Equal(new ReadMove(receipt.Seq, Moved: false), await Host.Member(ids[1]).MarkReadAsync(info.ConversationId, receipt.Seq));
        Assert.Equal(new MemberConversation(info.ConversationId, 1), Assert.Single(await Host.Member(ids[1]).GetConversationsAsync()));
        Assert.Equal(receipt.Seq, await Host.Member(ids[1]).GetReadSeqAsync(info.ConversationId));
        Assert.Equal(0, await Host.Member(ids[1]).GetReadSeqAsync("not-a-conversation-of-ann"));
    }

    private static string[] Sorted(params string[] ids) => [.. ids.Order(StringComparer.Ordinal)];
}
