namespace Im.Domain.Chat;

/// <summary>Messages ascending by seq; <see cref="HasMore"/> when the range holds more than the page.</summary>
public sealed record HistoryPage(IReadOnlyList<ChatMessage> Messages, bool HasMore);
