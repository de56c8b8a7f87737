using Im.Domain.Chat;
using Im.Domain.Errors;
using Im.Domain.Tests.Support;

namespace Im.Domain.Tests.Chat;

public sealed class DirectConversationTests : IAsyncLifetime
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
    public async Task TheDirectIdIsTheSameFromBothSidesAndOpeningAgainReturnsTheSameConversation()
    {
        var (ann, bob) = await PairAsync();
        var id = ConversationIds.Direct(ann, bob);
        Assert.Equal(id, ConversationIds.Direct(bob, ann));

        var fromAnn = await _host.Conversation(id).OpenDirectAsync(ann, bob);
        var fromBob = await _host.Conversation(id).OpenDirectAsync(bob, ann);
        var again = await _host.Conversation(id).OpenDirectAsync(ann, bob);

        Assert.Equal(new ConversationInfo(id, ConversationKind.Direct, bob, 0, 2, false), fromAnn);
        Assert.Equal(new ConversationInfo(id, ConversationKind.Direct, ann, 0, 2, false), fromBob);
        Assert.Equal(fromAnn, again);
        Assert.Single(_host.Edge.Changes);
        Assert.Equal([id], await _host.ListOfAsync(ann));
        Assert.Equal([id], await _host.ListOfAsync(bob));
        var members = await _host.Conversation(id).GetMembersAsync(bob);
        Assert.Equal([new ConversationMember(ann, MemberRole.Member), new ConversationMember(bob, MemberRole.Member)], members.OrderBy(m => m.MemberId, StringComparer.Ordinal));
    }

    [Fact]
    public async Task ADirectConversationOpensOnlyUnderThePairsOwnIdForTwoExistingMembers()
    {
        var (ann, bob) = await PairAsync();
        var (carl, _) = await PairAsync();

        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => _host.Conversation(ConversationIds.Direct(ann, carl)).OpenDirectAsync(ann, bob));
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => _host.Conversation(ConversationIds.Direct(ann, ann)).OpenDirectAsync(ann, ann));
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => _host.Conversation($"g:{Guid.NewGuid():N}").OpenDirectAsync(ann, bob));
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => _host.Conversation("d:x:bad id").OpenDirectAsync("x", "bad id"));
        var ghost = $"ghost-{Guid.NewGuid():N}"[..20];
        await Refusal.ExpectAsync(ErrorCodes.NotFound, () => _host.Conversation(ConversationIds.Direct(ann, ghost)).OpenDirectAsync(ann, ghost));

        await Refusal.ExpectAsync(ErrorCodes.NotMember, () => _host.Conversation(ConversationIds.Direct(ann, ghost)).GetInfoAsync(ann));
        Assert.Empty(await _host.ListOfAsync(ann));
    }

    [Fact]
    public async Task NobodyLeavesJoinsOrRenamesADirectConversation()
    {
        var (ann, bob) = await PairAsync();
        var direct = _host.Conversation(ConversationIds.Direct(ann, bob));
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
        var ids = await _host.CreateMembersAsync("ann", "bob");
        return (ids[0], ids[1]);
    }
}
