using Im.Bench.Hubs;
using Im.Bench.Servers;

namespace Im.Bench.Chat;

/// <summary>
/// One side of a chat comparison, set up once for all its runs: a server process, its
/// connections, and the log where their deliveries are timed. Disposing it drops the
/// connections, then kills the server.
/// </summary>
public sealed class ChatSide(ServerProcess server) : IAsyncDisposable
{
    public const int Parallelism = 64;

    private static readonly TimeSpan DeliveryLimit = TimeSpan.FromSeconds(30);

    public ServerProcess Server { get; } = server;

    public List<BenchHubConnection> Connections { get; } = [];

    public DeliveryLog Deliveries { get; } = new();

    /// <summary>Connections the server dropped since they opened.</summary>
    public int Dropped => Connections.Count(c => c.Failure is not null);

    /// <summary>
    /// Sends one message and waits until <paramref name="expected"/> deliveries more have
    /// arrived across the connections: proof that the fan-out reaches everyone before anything is measured.
    /// </summary>
    public async Task CheckFanOutAsync(Func<string, Task> send, int expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        var before = Connections.Sum(c => c.DeliveriesSeen);
        await send(DeliveryLog.NewClientMsgId(-1, 0));
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(DeliveryLimit);
        long seen;
        while ((seen = Connections.Sum(c => c.DeliveriesSeen) - before) < expected)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new InvalidOperationException($"{Server.Name}: a first message reached {seen:N0} of {expected:N0} connections within {DeliveryLimit.TotalSeconds} s");
            }
        }
    }

    /// <summary>What the server said and did that a reader of the report should know.</summary>
    public IEnumerable<string> Notes()
    {
        var (count, first) = Server.LogProblems(3);
        if (count > 0)
        {
            yield return $"{Server.Name} logged {count:N0} warning/error line(s); first: {string.Join(" / ", first.Select(l => $"`{l}`"))}";
        }

        if (Dropped > 0)
        {
            yield return $"{Server.Name} dropped {Dropped:N0} of {Connections.Count:N0} connections; first reason: {Connections.First(c => c.Failure is not null).Failure}";
        }
    }

    public async ValueTask DisposeAsync()
    {
        await HubConnections.CloseAllAsync(Connections);
        await Server.DisposeAsync();
    }
}
