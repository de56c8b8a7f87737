using Im.Actors;
using Im.Edge.Connections;
using Im.Edge.Push;
using Microsoft.AspNetCore.SignalR;

namespace Im.Edge.Chat;

/// <summary>
/// Makes the hub for each call from the singletons it needs. SignalR's own activator is a
/// scoped service, so resolving it gave every hub call a scope that kept a dictionary of
/// resolved services and an activator of its own; this one is a singleton and resolves nothing.
/// </summary>
internal sealed class ImHubActivator(IGrainFactory grains, ChatEdge edge, MemberConnectionRegistry connections, DeviceBindings devices)
    : IHubActivator<ImHub>
{
    public ImHub Create() => new(grains, edge, connections, devices);

    public void Release(ImHub hub)
    {
        ArgumentNullException.ThrowIfNull(hub);
        hub.Dispose();
    }
}
