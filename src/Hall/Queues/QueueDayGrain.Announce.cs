using Im.Hall.Halls;
using Im.Hall.Notices;
using Im.Hall.Tickets;

namespace Im.Hall.Queues;

public sealed partial class QueueDayGrain
{
    private QueueStats? _lastPushed;

    /// <summary>
    /// Writes the change, then announces it: <c>queueStatsChanged</c> when the counts moved,
    /// then "get ready" to the first waiting members not told yet. They are marked told in
    /// the same write; one whose notice fails is unmarked and tried again after the next change.
    /// </summary>
    private async Task CommitAsync()
    {
        var ready = MarkReady();
        try
        {
            await WriteStateAsync();
        }
        catch
        {
            // Memory holds a change storage does not: start over from storage.
            DeactivateOnIdle();
            throw;
        }

        await PushStatsAsync();
        foreach (var ticket in ready)
        {
            if (!await NotifyAsync(ticket.MemberId!, HallNotices.GetReady(_key.HallId, _hall?.Name, View(ticket))))
            {
                State.ToldReady.Remove(ticket.TicketId);
            }
        }
    }

    private List<Ticket> MarkReady()
    {
        var ready = QueueOrder.Waiting(State.Tickets)
            .Where(t => t.MemberId is not null)
            .Take(_options.GetReadyCount)
            .Where(t => !State.ToldReady.Contains(t.TicketId))
            .ToList();
        foreach (var ticket in ready)
        {
            State.ToldReady.Add(ticket.TicketId);
        }

        return ready;
    }

    private async Task PushStatsAsync()
    {
        var queue = _queue ?? (await ConfigAsync()).Queue;
        var stats = Stats(queue);
        if (stats == _lastPushed)
        {
            return;
        }

        _lastPushed = stats;
        await HallEdgePush.ToAllAsync(GrainFactory, _edges, TimeProvider, _logger, edge => edge.OnQueueStatsChangedAsync(stats));
    }

    private QueueStats Stats(QueueSetup queue) =>
        new(
            _key.HallId,
            _key.QueueId,
            State.Tickets.Count(t => t.Status == TicketStatus.Waiting),
            State.LastNumber,
            queue.DailyQuota is { } quota ? Math.Max(0, quota - State.QuotaUsed) : null);
}
