using Im.Domain.History;

namespace Im.Domain.Chat;

public sealed partial class ConversationGrain
{
    /// <summary>
    /// Counts the messages after <paramref name="readSeq"/> that mention the member or
    /// <c>@all</c>, leaving out their own and recalled ones.
    /// </summary>
    /// <remarks>
    /// Computed on read, from history, so sends write nothing per member and the answer is
    /// the same after a restart. Cost: nothing when the member has read everything; else one
    /// range read of at most <see cref="ChatOptions.MaxMentionScan"/> of the newest unread
    /// messages (older unread mentions are not counted).
    /// </remarks>
    public async Task<MentionSummary> GetMentionsAsync(string memberId, long readSeq)
    {
        ChatInput.MemberId(memberId, "memberId");
        RequireMember(memberId);
        var after = Math.Max(Math.Max(readSeq, 0), _maxSeq - _options.MaxMentionScan);
        if (after >= _maxSeq)
        {
            return MentionSummary.None;
        }

        IReadOnlyList<HistoryMessage> rows = await _history.ReadAfterAsync(GrainKey, after, _maxSeq + 1, _options.MaxMentionScan, CancellationToken.None);
        var count = 0;
        var lastSeq = 0L;
        foreach (var row in rows)
        {
            if (row.SenderId != memberId && MessageBody.Decode(row.Body).MentionsMember(memberId))
            {
                count++;
                lastSeq = row.Seq;
            }
        }

        return new MentionSummary(count, lastSeq);
    }
}
