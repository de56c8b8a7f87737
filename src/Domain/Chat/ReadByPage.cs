namespace Im.Domain.Chat;

/// <summary>
/// One page of members split by whether they have read a seq; both lists ascend by member id.
/// <paramref name="Next"/> is the <c>after</c> of the next page when <paramref name="HasMore"/>.
/// </summary>
public sealed record ReadByPage(IReadOnlyList<string> ReadBy, IReadOnlyList<string> Unread, bool HasMore, string? Next);
