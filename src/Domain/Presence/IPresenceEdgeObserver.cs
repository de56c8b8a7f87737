using Im.Actors;

namespace Im.Domain.Presence;

/// <summary>
/// An edge node, as presence grains see it: it hands a presence change to the local
/// connections of the listed watchers, once per connection. Listed in the same
/// <see cref="Chat.IEdgeDirectory"/> as conversations' edges.
/// </summary>
/// <remarks>Best effort: a lost change is found with <c>getPresence</c>, which is authoritative.</remarks>
public interface IPresenceEdgeObserver : IGrainObserver
{
    Task OnPresenceAsync(MemberPresence presence, IReadOnlyList<string> watcherIds);
}
