using Im.Domain.Review;

namespace Im.Edge.Review;

// Wire types of the review admin endpoints (docs/protocol.md); fields are only ever added.

/// <summary>A word list in force: its name, policy and how many words it has (the words are not echoed).</summary>
public sealed record WordListSummary(string Name, string Policy, int Words);

/// <summary>The answer of <c>POST /api/admin/review/reload</c>.</summary>
public sealed record WordListReloadResponse(IReadOnlyList<WordListSummary> Lists)
{
    public static WordListReloadResponse From(IEnumerable<WordList> lists) =>
        new([.. lists.Select(l => new WordListSummary(l.Name, l.Policy.ToString().ToLowerInvariant(), l.Words.Count))]);
}

/// <summary>One row of <c>GET /api/admin/review/audit</c>.</summary>
public sealed record ReviewAuditEntry(
    long Id,
    DateTimeOffset At,
    string ConversationId,
    string SenderId,
    string ClientMsgId,
    string Decision,
    string? ListName,
    IReadOnlyList<string> MatchedWords)
{
    public static ReviewAuditEntry From(ReviewAuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.Id, record.At, record.ConversationId, record.SenderId, record.ClientMsgId, record.Decision.ToString().ToLowerInvariant(), record.ListName, record.MatchedWords);
    }
}
