using Im.Domain.Errors;
using Im.Domain.Members;

namespace Im.Domain.Chat;

public sealed partial class ConversationGrain
{
    /// <summary>
    /// Moves the member's read position: first in the member's list (the authority for unread
    /// counts), then, for direct conversations and groups, in this grain's state, which
    /// answers <see cref="GetReadByAsync"/>. That is one more state write per read that moves
    /// the position (never per message), chosen over a batching timer so that getReadBy is
    /// exact after any restart. Rooms keep no positions here and push no receipts: a room of
    /// 100,000 would rewrite its member list and reach every connection on each read.
    /// </summary>
    /// <remarks>
    /// The receipt goes through <see cref="PushAsync"/>, so it costs one push per edge whatever
    /// the group size and is ordered with this conversation's messages. If the state write
    /// fails the call fails; a retry finds the member's position already moved, writes it here
    /// and pushes the receipt then.
    /// </remarks>
    public async Task<long> MarkReadAsync(string memberId, long seq)
    {
        ChatInput.MemberId(memberId, "memberId");
        var member = RequireMember(memberId);
        if (seq < 0)
        {
            throw new DomainException(ErrorCodes.Invalid, "seq must not be negative");
        }

        // A read position past the newest message would hide later messages as read.
        var readSeq = await GrainFactory.GetGrain<IMemberGrain>(memberId).MarkReadAsync(GrainKey, Math.Min(seq, _maxSeq));
        if (State.Kind == ConversationKind.Room || readSeq <= member.ReadSeq)
        {
            return readSeq;
        }

        member.ReadSeq = readSeq;
        await WriteOrDiscardAsync();
        await PushAsync(edge => edge.OnReadAsync(new ReadReceipt(GrainKey, memberId, readSeq)));
        return readSeq;
    }

    /// <summary>
    /// Members with a read position at or past <c>Seq</c> and those below it, in one page of
    /// at most <c>Limit</c> members (default <see cref="ChatOptions.DefaultReadByPage"/>, capped
    /// at <see cref="ChatOptions.MaxReadByPage"/>) taken in ordinal member-id order after
    /// <c>After</c>. Members only; rooms answer <c>invalid</c> (they keep no positions).
    /// </summary>
    public Task<ReadByPage> GetReadByAsync(string memberId, ReadByQuery query)
    {
        ChatInput.MemberId(memberId, "memberId");
        RequireMember(memberId);
        if (State.Kind == ConversationKind.Room)
        {
            throw new DomainException(ErrorCodes.Invalid, "rooms keep no read receipts");
        }

        query ??= new ReadByQuery(0);
        var limit = query.Limit ?? _options.DefaultReadByPage;
        if (limit <= 0 || query.Seq < 0)
        {
            throw new DomainException(ErrorCodes.Invalid, "limit must be positive and seq not negative");
        }

        limit = Math.Min(limit, _options.MaxReadByPage);
        var after = query.After;
        var page = State.Members
            .Where(m => after is null || string.CompareOrdinal(m.Key, after) > 0)
            .OrderBy(m => m.Key, StringComparer.Ordinal)
            .Take(limit + 1)
            .ToList();
        var hasMore = page.Count > limit;
        if (hasMore)
        {
            page.RemoveAt(limit);
        }

        return Task.FromResult(new ReadByPage(
            [.. page.Where(m => m.Value.ReadSeq >= query.Seq).Select(m => m.Key)],
            [.. page.Where(m => m.Value.ReadSeq < query.Seq).Select(m => m.Key)],
            hasMore,
            hasMore ? page[^1].Key : null));
    }

    public Task<IReadOnlyList<string>> GetPresenceAudienceAsync(string memberId)
    {
        ChatInput.MemberId(memberId, "memberId");
        var shares = State.Members.ContainsKey(memberId) && State.Kind switch
        {
            ConversationKind.Direct => true,
            ConversationKind.Group => !State.Dissolved && State.Members.Count <= _options.PresenceGroupLimit,
            _ => false,
        };
        return Task.FromResult<IReadOnlyList<string>>(shares ? [.. State.Members.Keys.Where(id => id != memberId)] : []);
    }
}
