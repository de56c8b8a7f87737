using Im.Bench.Hubs;
using Im.Bench.Measurement;

namespace Im.Bench.Chat;

/// <summary>What the group scenarios share: a sender's turn of the closed loop, and the figures of its deliveries.</summary>
public static class GroupSending
{
    private static readonly TimeSpan OwnCopyLimit = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Sends, then waits for the sender's own connection's copy: a sender never has more than
    /// one message in flight, and a server that acks before it delivers cannot run ahead.
    /// </summary>
    public static async Task SendAndAwaitOwnCopyAsync(BenchHubConnection sender, string clientMsgId, Func<BenchHubConnection, string, Task> send)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(send);
        var ownCopy = sender.ExpectDeliveryAsync(clientMsgId);
        await send(sender, clientMsgId);
        await ownCopy.WaitAsync(OwnCopyLimit);
    }

    /// <summary>Deliveries and messages per second, deliveries per message, and the latencies, bare hub against Im.</summary>
    public static Figure[] DeliveryFigures(ScenarioResult bare, ScenarioResult im)
    {
        ArgumentNullException.ThrowIfNull(bare);
        ArgumentNullException.ThrowIfNull(im);
        var bareDeliveries = bare.Observed ?? new LatencyRecorder();
        var imDeliveries = im.Observed ?? new LatencyRecorder();
        return
        [
            new("deliveries/s", bare.ObservedPerSecond, im.ObservedPerSecond),
            new("messages sent/s", bare.CallsPerSecond, im.CallsPerSecond),
            new("deliveries per message", bareDeliveries.Count / (double)bare.Calls, imDeliveries.Count / (double)im.Calls),
            new("send-to-deliver p50 µs", bareDeliveries.PercentileMicroseconds(0.50), imDeliveries.PercentileMicroseconds(0.50)),
            new("send-to-deliver p95 µs", bareDeliveries.PercentileMicroseconds(0.95), imDeliveries.PercentileMicroseconds(0.95)),
            new("send-to-deliver p99 µs", bareDeliveries.PercentileMicroseconds(0.99), imDeliveries.PercentileMicroseconds(0.99)),
            new("sender's loop p99 µs (ack and own copy)", bare.P99Microseconds, im.P99Microseconds),
        ];
    }
}
