using Im.Domain.Push;

namespace Im.Edge.Push;

/// <summary>
/// Which device tokens are bound to a live connection of this edge: a token registered with
/// <c>registerDevice</c> on a connection is live until that connection closes (or the token
/// is unregistered on it). Push skips live tokens: the device gets the event over its socket.
/// </summary>
/// <remarks>
/// One process holds edge and silo, so this is the presence the dispatcher reads. Several
/// connections may bind the same token (an app that reconnects before the old socket timed
/// out); it stays live until the last of them closes. Thread-safe.
/// </remarks>
public sealed class DeviceBindings : IDevicePresence
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (string MemberId, string Token)> _byConnection = new(StringComparer.Ordinal);
    private readonly Dictionary<(string MemberId, string Token), int> _live = [];
    private readonly Dictionary<(string MemberId, string Token), TaskCompletionSource> _unbound = [];

    public bool IsLive(string memberId, string token)
    {
        lock (_lock)
        {
            return _live.ContainsKey((memberId, token));
        }
    }

    /// <summary>Completes once the token is bound to no live connection (at once if it is not).</summary>
    public Task WhenNotLiveAsync(string memberId, string token)
    {
        lock (_lock)
        {
            if (!_live.ContainsKey((memberId, token)))
            {
                return Task.CompletedTask;
            }

            if (!_unbound.TryGetValue((memberId, token), out var waiter))
            {
                _unbound[(memberId, token)] = waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            return waiter.Task;
        }
    }

    /// <summary>Binds the token to the connection; a connection holds one token, so binding another replaces it.</summary>
    public void Bind(string connectionId, string memberId, string token)
    {
        lock (_lock)
        {
            UnbindLocked(connectionId);
            _byConnection[connectionId] = (memberId, token);
            _live[(memberId, token)] = _live.GetValueOrDefault((memberId, token)) + 1;
        }
    }

    /// <summary>Unbinds whatever the connection holds (on disconnect); unknown ids are ignored.</summary>
    public void Unbind(string connectionId)
    {
        lock (_lock)
        {
            UnbindLocked(connectionId);
        }
    }

    /// <summary>Unbinds the connection only if it holds this token (on <c>unregisterDevice</c>).</summary>
    public void Unbind(string connectionId, string token)
    {
        lock (_lock)
        {
            if (_byConnection.TryGetValue(connectionId, out var bound) && bound.Token == token)
            {
                UnbindLocked(connectionId);
            }
        }
    }

    private void UnbindLocked(string connectionId)
    {
        if (!_byConnection.Remove(connectionId, out var bound))
        {
            return;
        }

        var count = _live[bound] - 1;
        if (count == 0)
        {
            _live.Remove(bound);
            if (_unbound.Remove(bound, out var waiter))
            {
                waiter.TrySetResult();
            }
        }
        else
        {
            _live[bound] = count;
        }
    }
}
