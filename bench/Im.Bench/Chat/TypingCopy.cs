namespace Im.Bench.Chat;

/// <summary>The shape of Im's <c>typing</c> event, sent through the bare hub's Send so that both carry the same bytes.</summary>
public sealed record TypingCopy(string ConversationId, string MemberId);
