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
    /// the same write as the changed tickets; one whose notice fails is unmarked and tried
    /// again after the next change.
    /// </summary>
    /// <remarks>
    /// Only the ticket rows the call changed are written, in one conditional transaction;
    /// the small state only when <paramref name="stateChanged"/> (a booking), and first: were
    /// the rows' write to fail after it, only "get ready" marks are lost, and those members
    /// are told after the next change rather than never.
    /// </remarks>
    private async Task CommitAsync(bool stateChanged = false)
    {
        var ready = MarkReady();
        try
        {
            if (stateChanged)
            {
                await WriteStateAsync();
            }

            if (_tickets.Changes is { Count: > 0 } changes)
            {
                _tickets.Written(await _store.WriteAsync(GrainKey, changes, CancellationToken.None));
            }
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
            if (!await _notifier.TryNotifyAsync(ticket.MemberId!, HallNotices.GetReady(_key.HallId, _hall?.Name, View(ticket)), _logger))
            {
                _tickets.ForgetToldReady(ticket.TicketId);
            }
        }
    }

    private List<Ticket> MarkReady()
    {
        var ready = QueueOrder.Waiting(_tickets.All)
            .Where(t => t.MemberId is not null)
            .Take(_options.GetReadyCount)
            .Where(t => !_tickets.IsToldReady(t.TicketId))
            .ToList();
        foreach (var ticket in ready)
        {
            _tickets.MarkToldReady(ticket.TicketId);
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
            _tickets.Count(t => t.Status == TicketStatus.Waiting),
            _tickets.LastNumber,
            queue.DailyQuota is { } quota ? Math.Max(0, quota - QuotaUsed) : null);
}
