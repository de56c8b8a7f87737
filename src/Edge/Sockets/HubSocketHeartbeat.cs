using System.Collections.Concurrent;

namespace Im.Edge.Sockets;

/// <summary>
/// One timer for every direct hub connection, ticking once a second the callbacks SignalR
/// registers through <c>IConnectionHeartbeatFeature</c> (its keep-alive ping and its client
/// timeout), as SignalR's own connection manager does for its connections.
/// </summary>
internal sealed class HubSocketHeartbeat : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<HubSocketConnection, byte> _connections = new();
    private readonly Timer _timer;
    private int _ticking;

    public HubSocketHeartbeat(ILogger<HubSocketHeartbeat> logger)
    {
        _timer = new Timer(_ => Tick(logger), null, Interval, Interval);
    }

    /// <summary>The direct hub connections open now.</summary>
    public int Count => _connections.Count;

    public void Add(HubSocketConnection connection) => _connections.TryAdd(connection, 0);

    public void Remove(HubSocketConnection connection) => _connections.TryRemove(connection, out _);

    public void Dispose() => _timer.Dispose();

    private void Tick(ILogger logger)
    {
        // A tick that overruns the interval is not doubled up by the next one.
        if (Interlocked.Exchange(ref _ticking, 1) == 1)
        {
            return;
        }

        try
        {
            // The dictionary's own enumerator: no snapshot of 18,000 keys a second.
            foreach (var (connection, _) in _connections)
            {
                try
                {
                    connection.TickHeartbeat();
                }
                catch (Exception ex)
                {
                    logger.LogWarning(ex, "A heartbeat callback of connection {ConnectionId} failed", connection.ConnectionId);
                }
            }
        }
        finally
        {
            Volatile.Write(ref _ticking, 0);
        }
    }
}
