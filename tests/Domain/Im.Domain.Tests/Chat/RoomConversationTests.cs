using Im.Domain.Chat;
using Im.Domain.Errors;
using Im.Domain.Tests.Support;

namespace Im.Domain.Tests.Chat;

public sealed class RoomConversationTests : ChatTestBase
{
    protected override Task<ChatHost> StartHostAsync() =>
        ChatHost.StartAsync(Store, o => o.MaxRoomMembers = 3);

    [Fact]
    public async Task MembersJoinAndLeaveARoomAndAFormerMemberCanNoLongerReadOrSend()
    {
        var ids = await Host.CreateMembersAsync("creator", "ann");
        var (creator, ann) = (ids[0], ids[1]);
        var id = ConversationIds.Room($"chess-{Guid.NewGuid():N}");
        var room = Host.Conversation(id);

        Assert.Equal(new ConversationInfo(id, ConversationKind.Room, "Chess", 0, 1, false), await room.CreateRoomAsync(creator, "Chess"));
        Assert.Equal(2, (await room.JoinAsync(ann)).MemberCount);
        Assert.Equal(2, (await room.JoinAsync(ann)).MemberCount);
        await room.SendAsync(new SendMessageCommand(ann, "m1", "e4"));

        await room.LeaveAsync(ann);
        await room.LeaveAsync(ann);

        await Refusal.ExpectAsync(ErrorCodes.NotMember, () => room.GetHistoryAsync(ann, new HistoryQuery()));
        await Refusal.ExpectAsync(ErrorCodes.NotMember, () => room.SendAsync(new SendMessageCommand(ann, "m2", "e5")));
        await Refusal.ExpectAsync(ErrorCodes.NotMember, () => room.GetMembersAsync(ann));
        Assert.Equal([new ConversationMember(creator, MemberRole.Owner)], await room.GetMembersAsync(creator));
        Assert.Equal([$"+{creator} -", $"+{ann} -", $"+ -{ann}"], Host.Edge.Changes.Select(c => $"+{string.Join(',', c.Added)} -{string.Join(',', c.Removed)}"));
    }

    [Fact]
    public async Task JoiningChecksThatTheRoomExistsHasRoomAndIsARoom()
    {
        var ids = await Host.CreateMembersAsync("creator", "a", "b", "c");
        var room = Host.Conversation(ConversationIds.Room($"full-{Guid.NewGuid():N}"));

        await Refusal.ExpectAsync(ErrorCodes.NotFound, () => room.JoinAsync(ids[1]));
        await room.CreateRoomAsync(ids[0], "Small");
        await room.JoinAsync(ids[1]);
        await room.JoinAsync(ids[2]);
        await Refusal.ExpectAsync(ErrorCodes.Full, () => room.JoinAsync(ids[3]));
        await Refusal.ExpectAsync(ErrorCodes.NotFound, () => Host.Conversation(ConversationIds.Room($"x-{Guid.NewGuid():N}")).JoinAsync("nobody"));
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => room.AddMembersAsync(ids[0], [ids[3]]));
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => room.SetRoleAsync(ids[0], ids[1], MemberRole.Admin));
        await Refusal.ExpectAsync(ErrorCodes.Forbidden, () => room.CreateRoomAsync(ids[1], "Mine"));
    }

    [Fact]
    public async Task OnlyTheCreatorRenamesOrDissolvesARoomAndGetsOwnerBackOnRejoining()
    {
        var ids = await Host.CreateMembersAsync("creator", "ann");
        var (creator, ann) = (ids[0], ids[1]);
        var room = Host.Conversation(ConversationIds.Room($"club-{Guid.NewGuid():N}"));
        await room.CreateRoomAsync(creator, "Club");
        await room.JoinAsync(ann);

        await Refusal.ExpectAsync(ErrorCodes.Forbidden, () => room.RenameAsync(ann, "Ann's"));
        await Refusal.ExpectAsync(ErrorCodes.Forbidden, () => room.DissolveAsync(ann));
        await room.LeaveAsync(creator);
        Assert.Equal([new ConversationMember(ann, MemberRole.Member)], await room.GetMembersAsync(ann));
        await room.JoinAsync(creator);
        Assert.Equal("Book club", (await room.RenameAsync(creator, "Book club")).Title);
        Assert.Equal(MemberRole.Owner, (await room.GetMembersAsync(ann)).Single(m => m.MemberId == creator).Role);

        await room.DissolveAsync(creator);
        await Refusal.ExpectAsync(ErrorCodes.Dissolved, () => room.SendAsync(new SendMessageCommand(ann, "late", "hi")));
    }
}
