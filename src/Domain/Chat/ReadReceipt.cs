namespace Im.Domain.Chat;

/// <summary>The <c>read</c> event: a member's read position in a conversation moved to <paramref name="ReadSeq"/>.</summary>
public sealed record ReadReceipt(string ConversationId, string MemberId, long ReadSeq);
