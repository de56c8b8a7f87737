using Im.Actors;
using Im.Hall.Halls;
using Im.Hall.Queues;
using Im.Hall.Tickets;

namespace Im.Hall.Statistics;

/// <summary>
/// A hall's figures for a day, read from its queue days: each queue day's tickets are the
/// record of that day, so nothing is counted twice and nothing is kept twice.
/// </summary>
/// <remarks>
/// A read, not a snapshot: a queue day that changes while the figures are gathered may be
/// read before or after the change. Figures of a day that has ended are final.
/// </remarks>
public sealed class HallStatistics(IGrainFactory grains)
{
    /// <summary>The figures of <paramref name="day"/> (in the hall's time zone); <c>not_found</c> for an unknown hall.</summary>
    public async Task<HallDayStatistics> ForDayAsync(string hallId, DateOnly day, CancellationToken cancellationToken = default)
    {
        HallInput.Id(hallId, "hallId");
        var hall = await grains.GetGrain<IHallGrain>(hallId).GetAsync().WaitAsync(cancellationToken);
        var queues = new List<HallStatisticsRow>(hall.Queues.Count);
        var all = new List<Ticket>();
        foreach (var queue in hall.Queues)
        {
            var tickets = await grains.GetGrain<IQueueDayGrain>(new QueueDayKey(hallId, queue.QueueId, day).ToString())
                .GetTicketsAsync()
                .WaitAsync(cancellationToken);
            queues.Add(TicketFigures.ForQueue(queue.QueueId, [.. tickets]));
            all.AddRange(tickets);
        }

        // Configured windows in their order, then any window that called tickets and is gone from the configuration.
        var windowIds = hall.Windows.Select(w => w.WindowId)
            .Concat(all.Select(t => t.WindowId).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            .Distinct(StringComparer.Ordinal);
        List<HallStatisticsRow> windows = [.. windowIds.Select(id => TicketFigures.ForWindow(id, all))];
        return new HallDayStatistics(hallId, day, queues, windows);
    }

    /// <summary>The figures of the hall's current day.</summary>
    public async Task<HallDayStatistics> TodayAsync(string hallId, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(time);
        HallInput.Id(hallId, "hallId");
        var hall = await grains.GetGrain<IHallGrain>(hallId).GetAsync().WaitAsync(cancellationToken);
        return await ForDayAsync(hallId, HallTime.DayOf(hall, time.GetUtcNow()), cancellationToken);
    }
}
