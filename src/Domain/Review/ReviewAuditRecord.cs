namespace Im.Domain.Review;

/// <summary>
/// One review decision as the audit log keeps it. <see cref="Id"/> is assigned by the log
/// on append (0 before); the message text itself is not kept, only the words that decided.
/// </summary>
public sealed record ReviewAuditRecord(
    long Id,
    DateTimeOffset At,
    string ConversationId,
    string SenderId,
    string ClientMsgId,
    ReviewDecision Decision,
    string? ListName,
    IReadOnlyList<string> MatchedWords);
