using Im.Actors;
using Im.Domain.Errors;
using Im.Domain.Files;
using Im.Domain.History;
using Im.Domain.Members;
using Im.Domain.Review;
using Im.Domain.Push;
using Microsoft.Extensions.Options;

namespace Im.Domain.Chat;

/// <summary>
/// A conversation: direct (<c>d:a:b</c>), group (<c>g:…</c>) or room (<c>r:…</c>); the key's
/// prefix fixes the kind, and a call that does not fit it is <c>invalid</c>.
/// </summary>
/// <remarks>
/// <para>Authorization: every call is checked against this grain's own member list and
/// roles. Calls that need membership answer <c>not_member</c> to outsiders, also when the
/// conversation was never created, so ids cannot be probed. Refusals change nothing.</para>
/// <para>Durability: membership, roles, title and dissolution are written to grain state
/// before the call returns; then the affected members' conversation lists are updated and
/// a <see cref="MembershipChange"/> is pushed to every edge. A failure after the state
/// write surfaces to the caller, and retrying the same call is safe and repairs the member
/// lists (joins, leaves and creates are idempotent).</para>
/// <para>Messages: see <c>SendAsync</c> in ConversationGrain.Messages.cs for seq,
/// idempotency and push ordering. Nothing is written to grain state per message.</para>
/// </remarks>
[GrainType("conversation")]
public sealed partial class ConversationGrain : Grain<ConversationState>, IConversationGrain
{
    private readonly IMessageHistoryStore _history;
    private readonly IEdgeDirectory _edges;
    private readonly IPushDispatcher _push;
    private readonly ChatOptions _options;
    private readonly IContentReviewer _reviewer;
    private readonly IReviewAuditLog _audit;
    private readonly IFileMetadataStore _files;

    public ConversationGrain(IMessageHistoryStore history, IEdgeDirectory edges, IPushDispatcher push, IOptions<ChatOptions> options, IContentReviewer reviewer, IReviewAuditLog audit, IFileMetadataStore files)
    {
        ArgumentNullException.ThrowIfNull(options);
        _history = history;
        _edges = edges;
        _push = push;
        _options = options.Value;
        _reviewer = reviewer;
        _audit = audit;
        _files = files;
    }

    private bool IsCreated => State.CreatedAt is not null;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The seq counter lives in history, not in state: reading the highest stored seq is
        // what lets sends skip a state write and still continue gaplessly after a restart.
        if (IsCreated)
        {
            _maxSeq = await _history.ReadMaxSeqAsync(GrainKey, cancellationToken);
        }

        _maxSeqAtActivation = _maxSeq;
    }

    /// <summary>
    /// Creates the pair's conversation, or returns it (and re-records it in both members'
    /// lists). The title each side sees is the other member's id.
    /// </summary>
    public async Task<ConversationInfo> OpenDirectAsync(string memberA, string memberB)
    {
        ChatInput.MemberId(memberA, "memberA");
        ChatInput.MemberId(memberB, "memberB");
        RequireKind(ConversationKind.Direct);
        if (memberA == memberB)
        {
            throw new DomainException(ErrorCodes.Invalid, "a direct conversation needs two different members");
        }

        if (GrainKey != ConversationIds.Direct(memberA, memberB))
        {
            throw new DomainException(ErrorCodes.Invalid, $"'{GrainKey}' is not the direct conversation of this pair");
        }

        string[] pair = [memberA, memberB];
        if (IsCreated)
        {
            await RecordJoinsAsync(pair);
            return InfoFor(memberA);
        }

        await RequireExistingMembersAsync(pair);
        Create(ConversationKind.Direct, string.Empty, creatorId: memberA, ownerId: null);
        AddMember(memberA, MemberRole.Member);
        AddMember(memberB, MemberRole.Member);
        await PersistAsync();
        await AnnounceAsync(new MembershipChange(GrainKey, pair, []));
        return InfoFor(memberA);
    }

    /// <summary>
    /// Creates the group with the owner and <paramref name="memberIds"/>. A retry by the
    /// same creator returns the group as it now is (title and members of the retry are not
    /// applied again); anyone else gets <c>forbidden</c>.
    /// </summary>
    public async Task<ConversationInfo> CreateGroupAsync(string ownerId, string title, IReadOnlyList<string> memberIds)
    {
        ChatInput.MemberId(ownerId, "ownerId");
        RequireKind(ConversationKind.Group);
        if (IsCreated)
        {
            return await RepeatCreateAsync(ownerId);
        }

        var checkedTitle = ChatInput.Title(title, _options.MaxTitleLength);
        List<string> members = [ownerId, .. ChatInput.MemberIds(memberIds).Where(id => id != ownerId)];
        if (members.Count > _options.MaxGroupMembers)
        {
            throw new DomainException(ErrorCodes.Full, $"a group holds at most {_options.MaxGroupMembers} members");
        }

        await RequireExistingMembersAsync(members);
        Create(ConversationKind.Group, checkedTitle, creatorId: ownerId, ownerId: ownerId);
        AddMember(ownerId, MemberRole.Owner);
        foreach (var memberId in members.Skip(1))
        {
            AddMember(memberId, MemberRole.Member);
        }

        await PersistAsync();
        await AnnounceAsync(new MembershipChange(GrainKey, members, []));
        return InfoFor(ownerId);
    }

    /// <summary>Creates the room with its creator as the only member (role Owner); a retry by the creator returns it.</summary>
    public async Task<ConversationInfo> CreateRoomAsync(string creatorId, string title)
    {
        ChatInput.MemberId(creatorId, "creatorId");
        RequireKind(ConversationKind.Room);
        if (IsCreated)
        {
            return await RepeatCreateAsync(creatorId);
        }

        var checkedTitle = ChatInput.Title(title, _options.MaxTitleLength);
        await RequireExistingMembersAsync([creatorId]);
        Create(ConversationKind.Room, checkedTitle, creatorId: creatorId, ownerId: creatorId);
        AddMember(creatorId, MemberRole.Owner);
        await PersistAsync();
        await AnnounceAsync(new MembershipChange(GrainKey, [creatorId], []));
        return InfoFor(creatorId);
    }

    public Task<ConversationInfo> GetInfoAsync(string memberId)
    {
        ChatInput.MemberId(memberId, "memberId");
        RequireMember(memberId);
        return Task.FromResult(InfoFor(memberId));
    }

    private async Task<ConversationInfo> RepeatCreateAsync(string creatorId)
    {
        if (State.CreatorId != creatorId)
        {
            throw new DomainException(ErrorCodes.Forbidden, $"'{GrainKey}' already exists");
        }

        RequireMember(creatorId);

        // A group's first attempt may have failed while recording its members; a room
        // starts with its creator alone, and re-recording all its joiners would cost a call each.
        await RecordJoinsAsync(State.Kind == ConversationKind.Room ? [creatorId] : [.. State.Members.Keys]);
        return InfoFor(creatorId);
    }

    private void Create(ConversationKind kind, string title, string creatorId, string? ownerId)
    {
        State.Kind = kind;
        State.Title = title;
        State.CreatorId = creatorId;
        State.OwnerId = ownerId;
        State.CreatedAt = TimeProvider.GetUtcNow();
    }

    private void AddMember(string memberId, MemberRole role) =>
        State.Members[memberId] = new ConversationMemberState { Role = role, JoinOrder = ++State.LastJoinOrder };

    private ConversationInfo InfoFor(string viewerId) =>
        new(GrainKey, State.Kind, TitleFor(viewerId), _maxSeq, State.Members.Count, State.Dissolved);

    private string TitleFor(string viewerId) =>
        State.Kind == ConversationKind.Direct
            ? State.Members.Keys.FirstOrDefault(id => id != viewerId) ?? string.Empty
            : State.Title;

    private void RequireKind(ConversationKind kind)
    {
        if (ChatInput.KindOf(GrainKey) != kind)
        {
            throw new DomainException(ErrorCodes.Invalid, $"'{GrainKey}' is not a {kind.ToString().ToLowerInvariant()} conversation");
        }
    }

    private ConversationMemberState RequireMember(string memberId) =>
        State.Members.TryGetValue(memberId, out var member)
            ? member
            : throw new DomainException(ErrorCodes.NotMember, $"'{memberId}' is not a member of '{GrainKey}'");

    private void RequireNotDissolved()
    {
        if (State.Dissolved)
        {
            throw new DomainException(ErrorCodes.Dissolved, $"'{GrainKey}' was dissolved");
        }
    }

    private async Task RequireExistingMembersAsync(IReadOnlyList<string> memberIds)
    {
        var profiles = await Task.WhenAll(memberIds.Select(id => GrainFactory.GetGrain<IMemberGrain>(id).GetAsync()));
        var missing = memberIds.Where((_, i) => profiles[i] is null).Take(5).ToList();
        if (missing.Count > 0)
        {
            throw new DomainException(ErrorCodes.NotFound, $"no such member: {string.Join(", ", missing)}");
        }
    }

    private Task PersistAsync()
    {
        _pushMembers = null;
        return WriteOrDiscardAsync();
    }

    private async Task WriteOrDiscardAsync()
    {
        try
        {
            await WriteStateAsync();
        }
        catch
        {
            // State in memory already holds the change that did not persist; a fresh
            // activation starts again from what storage holds.
            DeactivateOnIdle();
            throw;
        }
    }
}
