namespace Im.Domain.Search;

/// <summary>A message that matched a search; <see cref="Snippet"/> is the text around the first match.</summary>
public sealed record SearchHit(string ConversationId, long Seq, string SenderId, string Snippet, DateTimeOffset SentAt);
