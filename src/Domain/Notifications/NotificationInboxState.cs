namespace Im.Domain.Notifications;

/// <summary>Stored state of <see cref="NotificationInboxGrain"/>: the newest entries, oldest first.</summary>
public sealed class NotificationInboxState
{
    public List<NotificationItem> Items { get; set; } = [];
}
