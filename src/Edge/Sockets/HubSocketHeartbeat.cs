using System.Collections.Concurrent;

namespace Im.Edge.Sockets;

/// <summary>
/// The direct hub connections open on this edge: one timer ticks, once a second, the callbacks
/// SignalR registers through <c>IConnectionHeartbeatFeature</c> (its keep-alive ping and its
/// client timeout), and when the application stops every connection is closed, as SignalR's
/// own connection manager does for its connections.
/// </summary>
/// <remarks>
/// The close runs in <see cref="StoppingAsync"/>, which the host awaits before it signals
/// ApplicationStopping and before any hosted service stops, so the hub's disconnect work
/// (presence, the connection registry) still finds the actors running. It waits without
/// holding a thread: the host may be stopped from a socket's completion, and with the edge's
/// inline completions (<c>SocketCompletions</c>) a blocked epoll thread would hold up the very
/// closes it waits for.
/// </remarks>
internal sealed class HubSocketHeartbeat : IHostedLifecycleService, IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    // As long as SignalR's own manager gives its connections to close at shutdown.
    private static readonly TimeSpan CloseAllTimeout = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<HubSocketConnection, byte> _connections = new();
    private readonly TaskCompletionSource _allClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Timer _timer;
    private volatile bool _closingAll;
    private int _ticking;

    public HubSocketHeartbeat(ILogger<HubSocketHeartbeat> logger)
    {
        _timer = new Timer(_ => Tick(logger), null, Interval, Interval);
    }

    /// <summary>The direct hub connections open now.</summary>
    public int Count => _connections.Count;

    public void Add(HubSocketConnection connection)
    {
        _connections.TryAdd(connection, 0);

        // A connection upgraded while the application stops is closed like the others.
        if (_closingAll)
        {
            connection.RequestClose();
        }
    }

    public void Remove(HubSocketConnection connection)
    {
        _connections.TryRemove(connection, out _);
        if (_closingAll && _connections.IsEmpty)
        {
            _allClosed.TrySetResult();
        }
    }

    public void Dispose() => _timer.Dispose();

    // Each connection ends as SignalR ends one: its close message (reconnect allowed, so
    // clients move to another edge), the hub's disconnect, the WebSocket's close.
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        _closingAll = true;
        foreach (var (connection, _) in _connections)
        {
            connection.RequestClose();
        }

        if (_connections.IsEmpty)
        {
            return;
        }

        try
        {
            await _allClosed.Task.WaitAsync(CloseAllTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            // As SignalR's own manager: connections still open after the wait close with Kestrel.
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

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
