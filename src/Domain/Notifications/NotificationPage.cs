namespace Im.Domain.Notifications;

/// <summary>The answer of a listing: the page, whether the range holds more, and the inbox's unread count.</summary>
public sealed record NotificationPage(IReadOnlyList<NotificationItem> Notifications, bool HasMore, int UnreadCount);
