using Im.Actors;
using Im.Hall.Halls;

namespace Im.Edge.Hall;

/// <summary>
/// The live hall-hub connections of screens on this edge node, so that removing a screen
/// closes what is already open, not only its next connection.
/// </summary>
/// <remarks>
/// Guarantee, as for members: a connection registered through <see cref="RegisterAsync"/>
/// never outlives the removal of its screen on this node. Either <see cref="Disconnect"/>
/// finds it, or the registration's own check runs after the removal was stored. Thread-safe;
/// abort delegates run outside the lock.
/// </remarks>
public sealed class ScreenConnections(IGrainFactory grains)
{
    private readonly Dictionary<string, Dictionary<string, Action>> _connections = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Adds the connection, then asks the hall again; false (connection aborted) when the screen is gone.</summary>
    public async Task<bool> RegisterAsync(ScreenPrincipal screen, string connectionId, Action abort)
    {
        ArgumentNullException.ThrowIfNull(screen);
        ArgumentNullException.ThrowIfNull(abort);
        lock (_lock)
        {
            if (!_connections.TryGetValue(screen.ScreenId, out var ofScreen))
            {
                _connections[screen.ScreenId] = ofScreen = new Dictionary<string, Action>(StringComparer.Ordinal);
            }

            ofScreen[connectionId] = abort;
        }

        if (await grains.GetGrain<IHallGrain>(screen.HallId).IsScreenActiveAsync(screen.ScreenId).ConfigureAwait(false))
        {
            return true;
        }

        Unregister(screen.ScreenId, connectionId);
        abort();
        return false;
    }

    public void Unregister(string screenId, string connectionId)
    {
        lock (_lock)
        {
            if (_connections.TryGetValue(screenId, out var ofScreen) && ofScreen.Remove(connectionId) && ofScreen.Count == 0)
            {
                _connections.Remove(screenId);
            }
        }
    }

    /// <summary>Aborts every live connection of the screen on this node; call after its removal is stored.</summary>
    public void Disconnect(string screenId)
    {
        List<Action> aborts;
        lock (_lock)
        {
            if (!_connections.Remove(screenId, out var ofScreen))
            {
                return;
            }

            aborts = [.. ofScreen.Values];
        }

        foreach (var abort in aborts)
        {
            abort();
        }
    }
}
