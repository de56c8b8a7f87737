using Im.Actors;

namespace Im.Domain.Notifications;

/// <summary>
/// An edge node, as inboxes see it: it hands a notification to every local connection of
/// the member. Listed in the same <see cref="Chat.IEdgeDirectory"/> as conversations' edges.
/// </summary>
/// <remarks>
/// Best effort, like message pushes: a lost push is found by <c>getNotifications</c>, which
/// is authoritative. An edge with no connection of the member does nothing.
/// </remarks>
public interface INotificationEdgeObserver : IGrainObserver
{
    Task OnNotificationAsync(string memberId, Notification notification);
}
