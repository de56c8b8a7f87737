namespace Im.Domain.Notifications;

/// <summary>One inbox entry as listed: the notification's fields plus whether it was read.</summary>
public sealed record NotificationItem(
    string Kind,
    string Id,
    string Title,
    string Body,
    IReadOnlyDictionary<string, string> Data,
    DateTimeOffset CreatedAt,
    bool Read);
