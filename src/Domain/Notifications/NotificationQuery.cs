namespace Im.Domain.Notifications;

/// <summary>
/// A page of the inbox: those created strictly after <c>AfterCreatedAt</c> (oldest first),
/// or without it the newest <c>Limit</c>; both ascending by creation time.
/// </summary>
public sealed record NotificationQuery(DateTimeOffset? AfterCreatedAt = null, int? Limit = null);
