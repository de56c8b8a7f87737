using Im.Domain.Chat;
using Im.Domain.Tests.Support;

namespace Im.Domain.Tests.Chat;

public sealed class MemberConversationListTests : IAsyncLifetime
{
    private readonly ChatStore _store = ChatStore.Sqlite();
    private ChatHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await ChatHost.StartAsync(_store);

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _store.DisposeAsync();
    }

    [Fact]
    public async Task AMembersConversationListFollowsJoinsLeavesAndRemovals()
    {
        var ids = await _host.CreateMembersAsync("owner", "ann");
        var (owner, ann) = (ids[0], ids[1]);
        var groupId = ConversationIds.NewGroup();
        var roomId = ConversationIds.Room($"news-{Guid.NewGuid():N}");
        var directId = ConversationIds.Direct(owner, ann);

        await _host.Conversation(groupId).CreateGroupAsync(owner, "Group", [ann]);
        await _host.Conversation(roomId).CreateRoomAsync(owner, "Room");
        await _host.Conversation(roomId).JoinAsync(ann);
        await _host.Conversation(directId).OpenDirectAsync(ann, owner);
        Assert.Equal(Sorted(groupId, roomId, directId), await _host.ListOfAsync(ann));

        await _host.Conversation(groupId).RemoveMemberAsync(owner, ann);
        await _host.Conversation(roomId).LeaveAsync(ann);
        Assert.Equal([directId], await _host.ListOfAsync(ann));
        Assert.Equal(Sorted(groupId, roomId, directId), await _host.ListOfAsync(owner));

        await _host.Conversation(groupId).AddMembersAsync(owner, [ann]);
        await _host.Conversation(groupId).LeaveAsync(owner);
        Assert.Equal(Sorted(roomId, directId), await _host.ListOfAsync(owner));
        Assert.Equal(Sorted(groupId, directId), await _host.ListOfAsync(ann));
        Assert.Equal(MemberRole.Owner, Assert.Single(await _host.Conversation(groupId).GetMembersAsync(ann)).Role);
    }

    [Fact]
    public async Task ReadPositionsWorkOnConversationsTheMemberJoined()
    {
        var ids = await _host.CreateMembersAsync("owner", "ann");
        var direct = _host.Conversation(ConversationIds.Direct(ids[0], ids[1]));
        var info = await direct.OpenDirectAsync(ids[0], ids[1]);
        var receipt = await direct.SendAsync(new SendMessageCommand(ids[0], "c1", "read me"));

        Assert.Equal(receipt.Seq, await _host.Member(ids[1]).MarkReadAsync(info.ConversationId, receipt.Seq));
        Assert.Equal(new MemberConversation(info.ConversationId, 1), Assert.Single(await _host.Member(ids[1]).GetConversationsAsync()));
    }

    private static string[] Sorted(params string[] ids) => [.. ids.Order(StringComparer.Ordinal)];
}
