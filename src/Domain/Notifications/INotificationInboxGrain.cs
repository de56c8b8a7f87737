using Im.Actors;

namespace Im.Domain.Notifications;

/// <summary>
/// One member's notification inbox, keyed by member id. Modules (approvals, halls) raise
/// notices here; the member lists them and marks them read.
/// </summary>
/// <remarks>
/// <para>Who may call: modules, and the edge on behalf of the authenticated member; the
/// grain trusts its callers.</para>
/// <para>Durability and idempotency: <see cref="RaiseAsync"/> returns once the notice is
/// stored. Raising an id the inbox holds changes nothing and delivers nothing again, and
/// returns the stored notice. The inbox keeps the newest
/// <see cref="NotificationInboxGrain.Capacity"/> notices; an id dropped from it is
/// forgotten, so idempotency holds for the retained window only.</para>
/// <para>Delivery: after storing, the notice goes to every edge (best effort) and, for the
/// member's devices that have no live connection, to mobile push (off the call's path).</para>
/// </remarks>
public interface INotificationInboxGrain : IGrain
{
    /// <summary>Stores and delivers a notice; returns it as stored (with its creation time).</summary>
    Task<Notification> RaiseAsync(NewNotification notification);

    /// <summary>A page of the inbox; see <see cref="NotificationQuery"/>.</summary>
    Task<NotificationPage> ListAsync(NotificationQuery query);

    /// <summary>Marks the given ids read (unknown ids are ignored); returns the unread count after.</summary>
    Task<int> MarkReadAsync(IReadOnlyList<string> ids);

    Task<int> GetUnreadCountAsync();
}
