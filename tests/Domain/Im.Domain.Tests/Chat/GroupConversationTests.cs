using Im.Domain.Chat;
using Im.Domain.Errors;
using Im.Domain.Tests.Support;

namespace Im.Domain.Tests.Chat;

public sealed class GroupConversationTests : ChatTestBase
{
    protected override Task<ChatHost> StartHostAsync() =>
        ChatHost.StartAsync(Store, o => o.MaxGroupMembers = 5);

    [Fact]
    public async Task TheOwnerCreatesAGroupAndARetryByTheOwnerReturnsItUnchanged()
    {
        var (owner, ann, bob) = await TrioAsync();
        var id = ConversationIds.NewGroup();
        var group = Host.Conversation(id);

        var created = await group.CreateGroupAsync(owner, "  Shop floor  ", [ann, bob, ann, owner]);
        var retried = await group.CreateGroupAsync(owner, "Another title", [ann]);

        Assert.Equal(new ConversationInfo(id, ConversationKind.Group, "Shop floor", 0, 3, false), created);
        Assert.Equal(created, retried);
        Assert.Equal(
            [new ConversationMember(owner, MemberRole.Owner), new ConversationMember(ann, MemberRole.Member), new ConversationMember(bob, MemberRole.Member)],
            await group.GetMembersAsync(bob));
        await Refusal.ExpectAsync(ErrorCodes.Forbidden, () => group.CreateGroupAsync(ann, "Mine now", []));
    }

    [Fact]
    public async Task CreatingAGroupChecksTitleMembersAndKind()
    {
        var (owner, ann, _) = await TrioAsync();
        var group = Host.Conversation(ConversationIds.NewGroup());

        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => group.CreateGroupAsync(owner, "   ", [ann]));
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => group.CreateGroupAsync(owner, new string('t', 101), [ann]));
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => group.CreateGroupAsync(owner, "ok", ["has space"]));
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => group.CreateGroupAsync(owner, "ok", [new string('a', 65)]));
        await Refusal.ExpectAsync(ErrorCodes.NotFound, () => group.CreateGroupAsync(owner, "ok", [ann, "nobody-here"]));
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => Host.Conversation(ConversationIds.Room("x")).CreateGroupAsync(owner, "ok", [ann]));

        await Refusal.ExpectAsync(ErrorCodes.NotMember, () => group.GetInfoAsync(owner));
        Assert.Empty(await Host.ListOfAsync(ann));
        Assert.Empty(Host.Edge.Changes);
    }

    [Fact]
    public async Task OwnersAndAdminsAddMembersButPlainMembersDoNot()
    {
        var (owner, admin, member) = await TrioAsync();
        var (newcomer, later, _) = await TrioAsync();
        var group = await GroupAsync(owner, admin, member);
        await group.SetRoleAsync(owner, admin, MemberRole.Admin);

        await Refusal.ExpectAsync(ErrorCodes.Forbidden, () => group.AddMembersAsync(member, [newcomer]));
        Assert.Equal(4, (await group.AddMembersAsync(admin, [newcomer])).MemberCount);
        Assert.Equal(5, (await group.AddMembersAsync(owner, [later, newcomer])).MemberCount);
        await Refusal.ExpectAsync(ErrorCodes.NotMember, () => group.AddMembersAsync("outsider", [newcomer]));
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => group.AddMembersAsync(owner, []));
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => group.JoinAsync(newcomer));
    }

    [Fact]
    public async Task AFullGroupRefusesMoreMembers()
    {
        var five = await Host.CreateMembersAsync("a", "b", "c", "d", "e", "f");

        await Refusal.ExpectAsync(ErrorCodes.Full, () => Host.Conversation(ConversationIds.NewGroup()).CreateGroupAsync(five[0], "too many", five[1..]));
        var group = Host.Conversation(ConversationIds.NewGroup());
        await group.CreateGroupAsync(five[0], "five", five[1..5]);
        await Refusal.ExpectAsync(ErrorCodes.Full, () => group.AddMembersAsync(five[0], [five[5]]));

        Assert.Equal(5, (await group.AddMembersAsync(five[0], [five[1]])).MemberCount);
    }

    [Fact]
    public async Task OwnersRemoveAnyoneButThemselvesAndAdminsOnlyPlainMembers()
    {
        var (owner, admin, member) = await TrioAsync();
        var (otherAdmin, plain, _) = await TrioAsync();
        var group = await GroupAsync(owner, admin, member, otherAdmin, plain);
        await group.SetRoleAsync(owner, admin, MemberRole.Admin);
        await group.SetRoleAsync(owner, otherAdmin, MemberRole.Admin);

        await Refusal.ExpectAsync(ErrorCodes.Forbidden, () => group.RemoveMemberAsync(admin, otherAdmin));
        await Refusal.ExpectAsync(ErrorCodes.Forbidden, () => group.RemoveMemberAsync(admin, owner));
        await Refusal.ExpectAsync(ErrorCodes.Forbidden, () => group.RemoveMemberAsync(member, plain));
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => group.RemoveMemberAsync(owner, owner));

        await group.RemoveMemberAsync(admin, plain);
        await group.RemoveMemberAsync(owner, otherAdmin);
        await group.RemoveMemberAsync(owner, otherAdmin);

        Assert.Equal([owner, admin, member], (await group.GetMembersAsync(owner)).Select(m => m.MemberId));
        await Refusal.ExpectAsync(ErrorCodes.NotMember, () => group.GetInfoAsync(plain));
        await Refusal.ExpectAsync(ErrorCodes.NotMember, () => group.RemoveMemberAsync(otherAdmin, member));
    }

    [Fact]
    public async Task OnlyTheOwnerSetsRolesAndOnlyToAdminOrMember()
    {
        var (owner, admin, member) = await TrioAsync();
        var group = await GroupAsync(owner, admin, member);
        await group.SetRoleAsync(owner, admin, MemberRole.Admin);

        await Refusal.ExpectAsync(ErrorCodes.Forbidden, () => group.SetRoleAsync(admin, member, MemberRole.Admin));
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => group.SetRoleAsync(owner, member, MemberRole.Owner));
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => group.SetRoleAsync(owner, owner, MemberRole.Member));
        await Refusal.ExpectAsync(ErrorCodes.NotFound, () => group.SetRoleAsync(owner, "not-in-group", MemberRole.Admin));

        await group.SetRoleAsync(owner, admin, MemberRole.Member);
        Assert.All((await group.GetMembersAsync(owner)).Skip(1), m => Assert.Equal(MemberRole.Member, m.Role));
    }

    [Fact]
    public async Task OwnersAndAdminsRenameAGroup()
    {
        var (owner, admin, member) = await TrioAsync();
        var group = await GroupAsync(owner, admin, member);
        await group.SetRoleAsync(owner, admin, MemberRole.Admin);

        Assert.Equal("Night shift", (await group.RenameAsync(admin, " Night shift ")).Title);
        await Refusal.ExpectAsync(ErrorCodes.Forbidden, () => group.RenameAsync(member, "Mine"));
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => group.RenameAsync(owner, ""));
        Assert.Equal("Night shift", (await group.GetInfoAsync(member)).Title);
    }

    [Fact]
    public async Task OnlyTheOwnerDissolvesAndADissolvedGroupTakesNoMessagesOrMembersButStaysReadable()
    {
        var (owner, admin, member) = await TrioAsync();
        var (newcomer, _, _) = await TrioAsync();
        var group = await GroupAsync(owner, admin, member);
        await group.SetRoleAsync(owner, admin, MemberRole.Admin);
        await group.SendAsync(new SendMessageCommand(member, "before", "still here later"));

        await Refusal.ExpectAsync(ErrorCodes.Forbidden, () => group.DissolveAsync(admin));
        await group.DissolveAsync(owner);
        await group.DissolveAsync(owner);

        await Refusal.ExpectAsync(ErrorCodes.Dissolved, () => group.SendAsync(new SendMessageCommand(member, "after", "hello?")));
        await Refusal.ExpectAsync(ErrorCodes.Dissolved, () => group.AddMembersAsync(owner, [newcomer]));
        await Refusal.ExpectAsync(ErrorCodes.Dissolved, () => group.RenameAsync(owner, "again"));
        Assert.True((await group.GetInfoAsync(member)).Dissolved);
        Assert.Equal(["still here later"], (await group.GetHistoryAsync(member, new HistoryQuery())).Messages.Select(m => m.Text));
        Assert.Equal(1, (await group.SendAsync(new SendMessageCommand(member, "before", "still here later"))).Seq);
    }

    [Fact]
    public async Task AnOwnerWhoLeavesHandsTheGroupToTheLongestStandingAdminThenMemberAndAloneDissolvesIt()
    {
        var (owner, first, second) = await TrioAsync();
        var (admin, _, _) = await TrioAsync();
        var group = await GroupAsync(owner, first, second, admin);
        await group.SetRoleAsync(owner, admin, MemberRole.Admin);

        await group.LeaveAsync(owner);
        Assert.Equal(MemberRole.Owner, (await group.GetMembersAsync(admin)).Single(m => m.MemberId == admin).Role);

        await group.LeaveAsync(admin);
        Assert.Equal(MemberRole.Owner, (await group.GetMembersAsync(first)).Single(m => m.MemberId == first).Role);

        await group.LeaveAsync(second);
        await group.LeaveAsync(second);
        await group.LeaveAsync(first);

        var last = Host.Edge.Changes[^1];
        Assert.Empty(last.Added);
        Assert.Equal([first], last.Removed);
        Assert.True(last.Dissolved);
        await Refusal.ExpectAsync(ErrorCodes.NotMember, () => group.GetInfoAsync(first));
    }

    [Fact]
    public async Task MembersRolesAndTheSeqSurviveARestart()
    {
        var (owner, admin, member) = await TrioAsync();
        var id = ConversationIds.NewGroup();
        await Host.Conversation(id).CreateGroupAsync(owner, "Durable", [admin, member]);
        await Host.Conversation(id).SetRoleAsync(owner, admin, MemberRole.Admin);
        await Host.Conversation(id).SendAsync(new SendMessageCommand(member, "c1", "kept"));

        await Host.DisposeAsync();
        Host = await ChatHost.StartAsync(Store);

        var group = Host.Conversation(id);
        Assert.Equal(new ConversationInfo(id, ConversationKind.Group, "Durable", 1, 3, false), await group.GetInfoAsync(member));
        Assert.Equal([MemberRole.Owner, MemberRole.Admin, MemberRole.Member], (await group.GetMembersAsync(member)).Select(m => m.Role));
        Assert.Equal(2, (await group.SendAsync(new SendMessageCommand(admin, "c2", "next"))).Seq);
    }

    private async Task<IConversationGrain> GroupAsync(string owner, params string[] members)
    {
        var group = Host.Conversation(ConversationIds.NewGroup());
        await group.CreateGroupAsync(owner, "Group", members);
        return group;
    }

    private async Task<(string, string, string)> TrioAsync()
    {
        var ids = await Host.CreateMembersAsync("owner", "ann", "bob");
        return (ids[0], ids[1], ids[2]);
    }
}
