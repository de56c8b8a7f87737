namespace Im.Domain.Chat;

/// <summary>The <c>messageRecalled</c> event and the answer of a recall: who took message <see cref="Seq"/> back, and when.</summary>
public sealed record MessageRecall(string ConversationId, long Seq, string RecalledBy, DateTimeOffset RecalledAt);
