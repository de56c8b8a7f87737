using Im.Domain.Errors;
using Im.Domain.Members;

namespace Im.Domain.Chat;

public sealed partial class ConversationGrain
{
    /// <summary>
    /// Moves the member's read position, which the member's own grain stores (the authority
    /// for unread counts), and for direct conversations and groups pushes a <c>read</c>
    /// receipt when it moved. This grain keeps no copy: a group's state holds every member,
    /// so a copy here made each read of a 10,000-member group rewrite the whole member list,
    /// and members read as often as messages arrive. <see cref="GetReadByAsync"/> asks the
    /// members instead. Rooms push no receipts: one would reach every connection of 100,000.
    /// </summary>
    /// <remarks>
    /// The receipt goes through <see cref="PushAsync"/>, so it costs one push per edge whatever
    /// the group size and is ordered with this conversation's messages. A read that moves
    /// nothing pushes nothing, also after a restart (the member's grain tells).
    /// </remarks>
    public async Task<long> MarkReadAsync(string memberId, long seq)
    {
        ChatInput.MemberId(memberId, "memberId");
        RequireMember(memberId);
        if (seq < 0)
        {
            throw new DomainException(ErrorCodes.Invalid, "seq must not be negative");
        }

        // A read position past the newest message would hide later messages as read.
        var move = await GrainFactory.GetGrain<IMemberGrain>(memberId).MarkReadAsync(GrainKey, Math.Min(seq, _maxSeq));
        if (move.Moved && State.Kind != ConversationKind.Room)
        {
            await PushAsync(edge => edge.OnReadAsync(new ReadReceipt(GrainKey, memberId, move.ReadSeq)));
        }

        return move.ReadSeq;
    }

    /// <summary>
    /// Members with a read position at or past <c>Seq</c> and those below it, in one page of
    /// at most <c>Limit</c> members (default <see cref="ChatOptions.DefaultReadByPage"/>, capped
    /// at <see cref="ChatOptions.MaxReadByPage"/>) taken in ordinal member-id order after
    /// <c>After</c>. Members only; rooms answer <c>invalid</c> (they push no receipts).
    /// </summary>
    /// <remarks>Each member on the page is asked for its position: one member-grain call each, made together.</remarks>
    public async Task<ReadByPage> GetReadByAsync(string memberId, ReadByQuery query)
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
        var page = State.Members.Keys
            .Where(id => after is null || string.CompareOrdinal(id, after) > 0)
            .Order(StringComparer.Ordinal)
            .Take(limit + 1)
            .ToList();
        var hasMore = page.Count > limit;
        if (hasMore)
        {
            page.RemoveAt(limit);
        }

        var positions = await Task.WhenAll(page.Select(id => GrainFactory.GetGrain<IMemberGrain>(id).GetReadSeqAsync(GrainKey)));
        return new ReadByPage(
            [.. page.Where((_, i) => positions[i] >= query.Seq)],
            [.. page.Where((_, i) => positions[i] < query.Seq)],
            hasMore,
            hasMore ? page[^1] : null);
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
