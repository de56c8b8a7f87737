using System.Collections.Concurrent;
using Im.Hall.Queues;

namespace Im.Edge.Hall;

/// <summary>
/// Lets a queue's counts reach this edge's screens at most once per interval: the first
/// change goes at once, later ones within the interval fold into one push of the newest
/// counts at its end. A kiosk rush (hundreds of numbers a second) would otherwise send every
/// screen of the hall one event per ticket, and queue calls behind them.
/// </summary>
/// <remarks>
/// Counts are absolute, so dropping the in-between ones loses nothing a screen shows; per
/// queue they still leave in the order they were taken. A zero interval sends every change.
/// </remarks>
public sealed class QueueStatsThrottle(TimeSpan interval, TimeProvider time, Func<QueueStats, Task> send)
{
    private readonly ConcurrentDictionary<(string HallId, string QueueId), Slot> _slots = new();

    /// <summary>Sends <paramref name="stats"/> now, or keeps it as the queue's newest for the push at the interval's end.</summary>
    public Task OfferAsync(QueueStats stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        if (interval <= TimeSpan.Zero)
        {
            return send(stats);
        }

        var slot = _slots.GetOrAdd((stats.HallId, stats.QueueId), _ => new Slot());
        lock (slot)
        {
            if (slot.Pending is null && (slot.SentAt is not { } sent || time.GetElapsedTime(sent) >= interval))
            {
                slot.SentAt = time.GetTimestamp();
                return send(stats);
            }

            var flushScheduled = slot.Pending is not null;
            slot.Pending = stats;
            if (!flushScheduled)
            {
                var wait = interval - time.GetElapsedTime(slot.SentAt!.Value);
                _ = FlushLaterAsync(slot, wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
            }

            return Task.CompletedTask;
        }
    }

    private async Task FlushLaterAsync(Slot slot, TimeSpan wait)
    {
        await Task.Delay(wait, time).ConfigureAwait(false);
        Task sending;
        lock (slot)
        {
            // Handed over under the lock, so no later change of the queue can get ahead of it.
            sending = send(slot.Pending!);
            slot.Pending = null;
            slot.SentAt = time.GetTimestamp();
        }

        try
        {
            await sending.ConfigureAwait(false);
        }
        catch (System.Threading.Channels.ChannelClosedException)
        {
            // The edge stopped meanwhile; screens redraw from a snapshot when they reconnect.
        }
    }

    private sealed class Slot
    {
        public QueueStats? Pending { get; set; }

        public long? SentAt { get; set; }
    }
}
