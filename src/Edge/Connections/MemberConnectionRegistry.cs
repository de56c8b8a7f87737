using Im.Edge.Auth;

namespace Im.Edge.Connections;

/// <summary>
/// The live hub connections of this edge node by member, each with the delegate that aborts
/// it, so that revoking a member's access (<see cref="IMemberConnections.DisconnectAsync"/>)
/// closes what is already open. The hub registers a connection when it connects and
/// unregisters it when it disconnects.
/// </summary>
/// <remarks>
/// Guarantee: a connection registered through <see cref="RegisterAsync"/> never outlives a
/// disconnect of its member, even when the two race: either the disconnect finds it and
/// aborts it, or the registration's own check runs after the disconnect and aborts it.
/// Thread-safe; abort delegates run outside the registry's lock.
/// </remarks>
public sealed class MemberConnectionRegistry(MemberAccessCache access, ILogger<MemberConnectionRegistry> logger) : IMemberConnections
{
    // A list per member, not a dictionary: a member has a connection or a few (about 70 bytes
    // against 220 for a dictionary of one, for every member connected).
    private readonly Dictionary<string, List<(string ConnectionId, Action Abort)>> _connections = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _version;

    /// <summary>
    /// Adds a connection of an authenticated member, then checks once more that the member is
    /// still active. Returns false, having called <paramref name="abort"/> and forgotten the
    /// connection, when the member's access was revoked since the connection authenticated.
    /// </summary>
    /// <param name="memberId">The connection's member (<c>Context.User.MemberId()</c>).</param>
    /// <param name="connectionId">Unique per connection (<c>Context.ConnectionId</c>).</param>
    /// <param name="abort">Closes the connection (<c>Context.Abort</c>); may be called from any thread, at most once by the registry.</param>
    public async Task<bool> RegisterAsync(string memberId, string connectionId, Action abort)
    {
        ArgumentException.ThrowIfNullOrEmpty(memberId);
        ArgumentException.ThrowIfNullOrEmpty(connectionId);
        ArgumentNullException.ThrowIfNull(abort);
        lock (_lock)
        {
            if (!_connections.TryGetValue(memberId, out var ofMember))
            {
                _connections[memberId] = ofMember = new(1);
            }

            var at = IndexOf(ofMember, connectionId);
            if (at < 0)
            {
                ofMember.Add((connectionId, abort));
            }
            else
            {
                ofMember[at] = (connectionId, abort);
            }
        }

        // Authentication may have used an answer cached just before a disconnect swept this
        // member; the disconnect evicted it, so this check reads the revoked state.
        if (await access.IsActiveAsync(memberId).ConfigureAwait(false))
        {
            return true;
        }

        if (Remove(memberId, connectionId) is { } removed)
        {
            Abort(memberId, connectionId, removed);
        }

        return false;
    }

    /// <summary>Forgets a connection that closed; unknown ids are ignored.</summary>
    public void Unregister(string memberId, string connectionId)
    {
        ArgumentException.ThrowIfNullOrEmpty(memberId);
        ArgumentException.ThrowIfNullOrEmpty(connectionId);
        Remove(memberId, connectionId);
    }

    /// <summary>The ids of the member's registered connections on this node.</summary>
    public IReadOnlyCollection<string> ConnectionsOf(string memberId)
    {
        ArgumentException.ThrowIfNullOrEmpty(memberId);
        lock (_lock)
        {
            return _connections.TryGetValue(memberId, out var ofMember) ? [.. ofMember.Select(connection => connection.ConnectionId)] : [];
        }
    }

    /// <summary>
    /// How many connections the member has on this node, with a version that increases with
    /// every call: taken under the same lock, so of two counts the higher version is the newer.
    /// </summary>
    public (int Connections, long Version) Count(string memberId)
    {
        ArgumentException.ThrowIfNullOrEmpty(memberId);
        lock (_lock)
        {
            return (_connections.TryGetValue(memberId, out var ofMember) ? ofMember.Count : 0, ++_version);
        }
    }

    /// <inheritdoc />
    public Task DisconnectAsync(string memberId, string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(memberId);
        // Evict first: a connection registering after the sweep below then re-reads the state.
        access.Forget(memberId);
        List<(string ConnectionId, Action Abort)>? ofMember;
        lock (_lock)
        {
            _connections.Remove(memberId, out ofMember);
        }

        if (ofMember is not null)
        {
            logger.LogInformation("Closing {Count} connection(s) of member {MemberId}: {Reason}", ofMember.Count, memberId, reason);
            foreach (var (connectionId, abort) in ofMember)
            {
                Abort(memberId, connectionId, abort);
            }
        }

        return Task.CompletedTask;
    }

    private Action? Remove(string memberId, string connectionId)
    {
        lock (_lock)
        {
            if (!_connections.TryGetValue(memberId, out var ofMember))
            {
                return null;
            }

            var at = IndexOf(ofMember, connectionId);
            if (at < 0)
            {
                return null;
            }

            var abort = ofMember[at].Abort;
            ofMember.RemoveAt(at);
            if (ofMember.Count == 0)
            {
                _connections.Remove(memberId);
            }

            return abort;
        }
    }

    private static int IndexOf(List<(string ConnectionId, Action Abort)> ofMember, string connectionId) =>
        ofMember.FindIndex(connection => connection.ConnectionId == connectionId);

    // One connection that fails to close must not keep the others of the member open.
    private void Abort(string memberId, string connectionId, Action abort)
    {
        try
        {
            abort();
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            logger.LogWarning(error, "Aborting connection {ConnectionId} of member {MemberId} failed", connectionId, memberId);
        }
    }
}
