using Im.Domain.Errors;

namespace Im.Domain.Chat;

public sealed partial class ConversationGrain
{
    /// <summary>Joins a room (the creator rejoins as Owner); joining again returns the room.</summary>
    public async Task<ConversationInfo> JoinAsync(string memberId)
    {
        ChatInput.MemberId(memberId, "memberId");
        RequireKind(ConversationKind.Room);
        if (!IsCreated)
        {
            throw new DomainException(ErrorCodes.NotFound, $"room '{GrainKey}' does not exist");
        }

        if (State.Members.ContainsKey(memberId))
        {
            await RecordJoinsAsync([memberId]);
            return InfoFor(memberId);
        }

        RequireNotDissolved();
        if (State.Members.Count >= _options.MaxRoomMembers)
        {
            throw new DomainException(ErrorCodes.Full, $"a room holds at most {_options.MaxRoomMembers} members");
        }

        await RequireExistingMembersAsync([memberId]);
        AddMember(memberId, memberId == State.CreatorId ? MemberRole.Owner : MemberRole.Member);
        await PersistAsync();
        await AnnounceAsync(new MembershipChange(GrainKey, [memberId], []));
        return InfoFor(memberId);
    }

    /// <summary>
    /// Leaves a group or room; leaving one the member is not in only makes sure it is off
    /// the member's list. A group whose owner leaves passes to the longest-standing admin,
    /// else the longest-standing member, and is dissolved when the owner was alone. Members
    /// may also leave a dissolved group, to drop it from their lists.
    /// </summary>
    public async Task LeaveAsync(string memberId)
    {
        ChatInput.MemberId(memberId, "memberId");
        if (ChatInput.KindOf(GrainKey) is not (ConversationKind.Group or ConversationKind.Room))
        {
            throw new DomainException(ErrorCodes.Invalid, $"'{GrainKey}' is not a group or room: nobody leaves it");
        }

        if (!State.Members.Remove(memberId, out var leaving))
        {
            await RecordLeavesAsync([memberId]);
            return;
        }

        var dissolves = false;
        if (State.Kind == ConversationKind.Group && leaving.Role == MemberRole.Owner && !State.Dissolved)
        {
            var heir = State.Members
                .OrderByDescending(m => m.Value.Role == MemberRole.Admin)
                .ThenBy(m => m.Value.JoinOrder)
                .Select(m => m.Key)
                .FirstOrDefault();
            if (heir is null)
            {
                dissolves = true;
                State.Dissolved = true;
            }
            else
            {
                State.Members[heir].Role = MemberRole.Owner;
                State.OwnerId = heir;
            }
        }

        await PersistAsync();
        await AnnounceAsync(new MembershipChange(GrainKey, [], [memberId], dissolves));
    }

    /// <summary>
    /// Owners and admins add existing members to a group. Ones already in it are skipped
    /// (and re-recorded in their lists), so a retry is safe; the group's size limit counts
    /// only newcomers.
    /// </summary>
    public async Task<ConversationInfo> AddMembersAsync(string actorId, IReadOnlyList<string> memberIds)
    {
        ChatInput.MemberId(actorId, "actorId");
        RequireKind(ConversationKind.Group);
        var requested = ChatInput.MemberIds(memberIds);
        if (requested.Count == 0)
        {
            throw new DomainException(ErrorCodes.Invalid, "name at least one member to add");
        }

        var actor = RequireMember(actorId);
        RequireNotDissolved();
        if (actor.Role < MemberRole.Admin)
        {
            throw new DomainException(ErrorCodes.Forbidden, "only the owner and admins add members");
        }

        var newcomers = requested.Where(id => !State.Members.ContainsKey(id)).ToList();
        if (newcomers.Count == 0)
        {
            await RecordJoinsAsync(requested);
            return InfoFor(actorId);
        }

        if (State.Members.Count + newcomers.Count > _options.MaxGroupMembers)
        {
            throw new DomainException(ErrorCodes.Full, $"a group holds at most {_options.MaxGroupMembers} members");
        }

        await RequireExistingMembersAsync(newcomers);
        foreach (var memberId in newcomers)
        {
            AddMember(memberId, MemberRole.Member);
        }

        await PersistAsync();
        await RecordJoinsAsync(requested.Except(newcomers).ToList());
        await AnnounceAsync(new MembershipChange(GrainKey, newcomers, []));
        return InfoFor(actorId);
    }

    /// <summary>
    /// The owner removes anyone but themselves (they leave instead); admins remove plain
    /// members. Removing someone not in the group only makes sure it is off their list.
    /// </summary>
    public async Task RemoveMemberAsync(string actorId, string memberId)
    {
        ChatInput.MemberId(actorId, "actorId");
        ChatInput.MemberId(memberId, "memberId");
        RequireKind(ConversationKind.Group);
        var actor = RequireMember(actorId);
        RequireNotDissolved();
        if (actorId == memberId)
        {
            throw new DomainException(ErrorCodes.Invalid, "members leave instead of removing themselves");
        }

        if (actor.Role < MemberRole.Admin)
        {
            throw new DomainException(ErrorCodes.Forbidden, "only the owner and admins remove members");
        }

        if (!State.Members.TryGetValue(memberId, out var target))
        {
            await RecordLeavesAsync([memberId]);
            return;
        }

        if (actor.Role == MemberRole.Admin && target.Role != MemberRole.Member)
        {
            throw new DomainException(ErrorCodes.Forbidden, "admins remove plain members only");
        }

        State.Members.Remove(memberId);
        await PersistAsync();
        await AnnounceAsync(new MembershipChange(GrainKey, [], [memberId]));
    }

    /// <summary>The owner makes group members admins or plain members; ownership is not given away here.</summary>
    public async Task SetRoleAsync(string actorId, string memberId, MemberRole role)
    {
        ChatInput.MemberId(actorId, "actorId");
        ChatInput.MemberId(memberId, "memberId");
        RequireKind(ConversationKind.Group);
        if (role is not (MemberRole.Admin or MemberRole.Member))
        {
            throw new DomainException(ErrorCodes.Invalid, "the role must be Admin or Member");
        }

        var actor = RequireMember(actorId);
        RequireNotDissolved();
        if (actor.Role != MemberRole.Owner)
        {
            throw new DomainException(ErrorCodes.Forbidden, "only the owner sets roles");
        }

        if (actorId == memberId)
        {
            throw new DomainException(ErrorCodes.Invalid, "the owner's own role does not change");
        }

        var target = State.Members.TryGetValue(memberId, out var found)
            ? found
            : throw new DomainException(ErrorCodes.NotFound, $"'{memberId}' is not a member of '{GrainKey}'");
        if (target.Role != role)
        {
            target.Role = role;
            await PersistAsync();
        }
    }

    /// <summary>Owners and admins rename groups; only the creator (while a member) renames a room.</summary>
    public async Task<ConversationInfo> RenameAsync(string actorId, string title)
    {
        ChatInput.MemberId(actorId, "actorId");
        RequireKind(ChatInput.KindOf(GrainKey) == ConversationKind.Room ? ConversationKind.Room : ConversationKind.Group);
        var checkedTitle = ChatInput.Title(title, _options.MaxTitleLength);
        var actor = RequireMember(actorId);
        RequireNotDissolved();
        var allowed = State.Kind == ConversationKind.Group ? actor.Role >= MemberRole.Admin : actorId == State.CreatorId;
        if (!allowed)
        {
            throw new DomainException(ErrorCodes.Forbidden, "only the owner and admins rename a group, only its creator a room");
        }

        if (State.Title != checkedTitle)
        {
            State.Title = checkedTitle;
            await PersistAsync();
        }

        return InfoFor(actorId);
    }

    /// <summary>
    /// The owner dissolves a group (a room's creator, a room): no more messages or members;
    /// members stay listed and can still read history. Dissolving again changes nothing.
    /// </summary>
    public async Task DissolveAsync(string actorId)
    {
        ChatInput.MemberId(actorId, "actorId");
        RequireKind(ChatInput.KindOf(GrainKey) == ConversationKind.Room ? ConversationKind.Room : ConversationKind.Group);
        var actor = RequireMember(actorId);
        if (actor.Role != MemberRole.Owner)
        {
            throw new DomainException(ErrorCodes.Forbidden, "only the owner dissolves");
        }

        if (State.Dissolved)
        {
            return;
        }

        State.Dissolved = true;
        await PersistAsync();
        await AnnounceAsync(new MembershipChange(GrainKey, [], [], Dissolved: true));
    }

    /// <summary>Members in join order.</summary>
    public Task<IReadOnlyList<ConversationMember>> GetMembersAsync(string memberId)
    {
        ChatInput.MemberId(memberId, "memberId");
        RequireMember(memberId);
        return Task.FromResult<IReadOnlyList<ConversationMember>>(
            [.. State.Members.OrderBy(m => m.Value.JoinOrder).Select(m => new ConversationMember(m.Key, m.Value.Role))]);
    }
}
