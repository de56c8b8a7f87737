using System.Globalization;
using Im.Actors;
using Im.Hall.Halls;
using Im.Hall.Queues;

namespace Im.Edge.Hall;

/// <summary>Composes a hall's snapshot from the hall grain's view and today's queue days (in the hall's time zone).</summary>
public sealed class HallSnapshots(IGrainFactory grains, TimeProvider time)
{
    public async Task<HallSnapshot> ComposeAsync(string hallId, string? screenWindowId)
    {
        var hall = grains.GetGrain<IHallGrain>(hallId);
        var info = await hall.GetAsync().ConfigureAwait(false);
        var view = await hall.GetViewAsync().ConfigureAwait(false);
        var day = HallTime.DayOf(info, time.GetUtcNow());
        var stats = await Task.WhenAll(info.Queues.Select(q =>
            grains.GetGrain<IQueueDayGrain>(new QueueDayKey(hallId, q.QueueId, day).ToString()).GetStatsAsync())).ConfigureAwait(false);
        var queues = info.Queues.Zip(stats, (q, s) => new QueueSnapshot(q.QueueId, q.Name, q.Prefix, s.Waiting, s.Issued, s.QuotaLeft)).ToList();
        return new HallSnapshot(hallId, info.Name, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), view.RecentCalls, view.Windows, queues, screenWindowId);
    }
}
