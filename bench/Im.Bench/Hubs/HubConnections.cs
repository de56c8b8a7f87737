namespace Im.Bench.Hubs;

/// <summary>Opens many hub connections with bounded parallelism, and closes them.</summary>
public static class HubConnections
{
    private const int Attempts = 3;

    // One handler for every connection of the run: a WebSocket leaves the pool once upgraded,
    // so the handler holds nothing per connection, and no proxy stands between us and 127.0.0.1.
    private static readonly HttpMessageInvoker Invoker = new(new SocketsHttpHandler
    {
        UseProxy = false,
        ConnectTimeout = TimeSpan.FromSeconds(30),
    });

    /// <summary>
    /// Opens connections <paramref name="from"/> to <paramref name="to"/> - 1, at most
    /// <paramref name="parallelism"/> at a time, and adds them to <paramref name="into"/> in
    /// order. Connection i goes to <paramref name="urlOf"/>(i) (its member's token in the
    /// query) and times its deliveries in <paramref name="logOf"/>(i), if any. Stops starting
    /// new ones once one has failed <see cref="Attempts"/> times; returns that failure, or
    /// null when all are open. <paramref name="cancellationToken"/> ends it all.
    /// </summary>
    public static async Task<string?> OpenAsync(
        List<BenchHubConnection> into, int from, int to, Func<int, Uri> urlOf, Func<int, DeliveryLog?> logOf, int parallelism, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(into);
        var opened = new BenchHubConnection?[to - from];
        string? failure = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(from, to - from), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = stop.Token }, async (i, token) =>
            {
                for (var attempt = 1; ; attempt++)
                {
                    using var limit = CancellationTokenSource.CreateLinkedTokenSource(token);
                    limit.CancelAfter(TimeSpan.FromSeconds(30));
                    try
                    {
                        opened[i - from] = await BenchHubConnection.ConnectAsync(urlOf(i), Invoker, i, logOf(i), limit.Token);
                        return;
                    }
                    catch (Exception error) when (!token.IsCancellationRequested && error is not OutOfMemoryException)
                    {
                        if (attempt == Attempts)
                        {
                            Interlocked.CompareExchange(ref failure, $"connection {i + 1} failed {Attempts} times, last with {error.GetType().Name}: {Describe(error)}", null);
                            await stop.CancelAsync();
                            return;
                        }
                    }
                }
            });
        }
        catch (OperationCanceledException) when (failure is not null && !cancellationToken.IsCancellationRequested)
        {
            // Stopped after a connection that would not open; the ones that did are kept.
        }

        into.AddRange(opened.OfType<BenchHubConnection>());
        return failure;
    }

    /// <summary>Opens one connection through the shared handler, without retries: a reconnect measured as it is.</summary>
    public static Task<BenchHubConnection> ConnectAsync(Uri url, int index, DeliveryLog? deliveries, CancellationToken cancellationToken) =>
        BenchHubConnection.ConnectAsync(url, Invoker, index, deliveries, cancellationToken);

    /// <summary>Drops every connection, in parallel; the list is left empty.</summary>
    public static async Task CloseAllAsync(List<BenchHubConnection> connections)
    {
        ArgumentNullException.ThrowIfNull(connections);
        await Parallel.ForEachAsync(connections, new ParallelOptions { MaxDegreeOfParallelism = 64 }, (c, _) => c.DisposeAsync());
        connections.Clear();
    }

    private static string Describe(Exception error) =>
        error.InnerException is { } inner ? $"{error.Message} ({inner.GetType().Name}: {inner.Message})" : error.Message;
}
