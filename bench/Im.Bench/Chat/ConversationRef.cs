namespace Im.Bench.Chat;

/// <summary>Im's argument naming one conversation (<c>typing</c>).</summary>
public sealed record ConversationRef(string ConversationId);
