using Im.Domain.Chat;
using Im.Domain.Errors;
using Im.Domain.Tests.Support;

namespace Im.Domain.Tests.Chat;

public sealed class DirectConversationTests : ChatTestBase
{
    [Fact]
    public async Task TheDirectIdIsTheSameFromBothSidesAndOpeningAgainReturnsTheSameConversation()
    {
        var (ann, bob) = await PairAsync();
        var id = ConversationIds.Direct(ann, bob);
        Assert.Equal(id, ConversationIds.Direct(bob, ann));

        var fromAnn = await Host.Conversation(id).OpenDirectAsync(ann, bob);
        var fromBob = await Host.Conversation(id).OpenDirectAsync(bob, ann);
        var again = await Host.Conversation(id).OpenDirectAsync(ann, bob);

        Assert.Equal(new ConversationInfo(id, ConversationKind.Direct, bob, 0, 2, false), fromAnn);
        Assert.Equal(new ConversationInfo(id, ConversationKind.Direct, ann, 0, 2, false), fromBob);
        Assert.Equal(fromAnn, again);
        Assert.Single(Host.Edge.Changes);
        Assert.Equal([id], await Host.ListOfAsync(ann));
        Assert.Equal([id], await Host.ListOfAsync(bob));
        var members = await Host.Conversation(id).GetMembersAsync(bob);
        Assert.Equal([new ConversationMember(ann, MemberRole.Member), new ConversationMember(bob, MemberRole.Member)], members.OrderBy(m => m.MemberId, StringComparer.Ordinal));
    }

    [Fact]
    public async Task ADirectConversationOpensOnlyUnderThePairsOwnIdForTwoExistingMembers()
    {
        var (ann, bob) = await PairAsync();
        var (carl, _) = await PairAsync();

        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => Host.Conversation(ConversationIds.Direct(ann, carl)).OpenDirectAsync(ann, bob));
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => Host.Conversation(ConversationIds.Direct(ann, ann)).OpenDirectAsync(ann, ann));
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => Host.Conversation($"g:{Guid.NewGuid():N}").OpenDirectAsync(ann, bob));
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => Host.Conversation("d:x:bad id").OpenDirectAsync("x", "bad id"));
        var ghost = $"ghost-{Guid.NewGuid():N}"[..20];
        await Refusal.ExpectAsync(ErrorCodes.NotFound, () => Host.Conversation(ConversationIds.Direct(ann, ghost)).OpenDirectAsync(ann, ghost));

        await Refusal.ExpectAsync(ErrorCodes.NotMember, () => Host.Conversation(ConversationIds.Direct(ann, ghost)).GetInfoAsync(ann));
        Assert.Empty(await Host.ListOfAsync(ann));
    }

    [Fact]
    public async Task NobodyLeavesJoinsOrRenamesADirectConversation()
    {
        var (ann, bob) = await PairAsync();
        var direct = Host.Conversation(ConversationIds.Direct(ann, bob));
        await direct.OpenDirectAsync(ann, bob);

        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => direct.LeaveAsync(ann));
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => direct.JoinAsync(ann));
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => direct.RenameAsync(ann, "ours"));
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => direct.AddMembersAsync(ann, [bob]));
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => direct.DissolveAsync(ann));
        Assert.Equal(2, (await direct.GetInfoAsync(ann)).MemberCount);
    }

    private async Task<(string, string)> PairAsync()
    {
        var ids = await Host.CreateMembersAsync("ann", "bob");
        return (ids[0], ids[1]);
    }
}
