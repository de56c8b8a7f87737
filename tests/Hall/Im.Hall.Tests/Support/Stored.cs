using Im.Hall.Queues;
using Im.Hall.Windows;

namespace Im.Hall.Tests.Support;

/// <summary>
/// What storage holds for a set of hall grains, byte for byte with etags, and a queue day's
/// ticket rows with their versions: two snapshots that are equal prove that nothing was
/// written in between.
/// </summary>
public static class Stored
{
    public const string HallType = "hall";
    public const string QueueDayType = "hall-queue-day";
    public const string WindowType = "hall-window";

    public static (string Type, string Key) Hall(string hallId) => (HallType, hallId);

    public static (string Type, string Key) QueueDay(string hallId, string queueId, DateOnly day) => (QueueDayType, new QueueDayKey(hallId, queueId, day).ToString());

    public static (string Type, string Key) Window(string hallId, string windowId) => (WindowType, new WindowKey(hallId, windowId).ToString());

    public static async Task<IReadOnlyList<string>> SnapshotAsync(HallHost host, params (string Type, string Key)[] grains)
    {
        ArgumentNullException.ThrowIfNull(host);
        var rows = new List<string>();
        foreach (var (type, key) in grains)
        {
            var state = await host.StateStore.ReadAsync(type, key, CancellationToken.None);
            rows.Add($"{type}/{key} etag={state.Etag} data={(state.Data is null ? "none" : Convert.ToBase64String(state.Data))}");
            if (type == QueueDayType)
            {
                var tickets = await host.TicketStore.LoadAsync(key, CancellationToken.None);
                rows.AddRange(tickets
                    .OrderBy(t => t.Ticket.TicketId, StringComparer.Ordinal)
                    .Select(t => $"{key} ticket={t.Ticket} number={t.Number} told={t.ToldReady} version={t.Version}"));
            }
        }

        // The edge's record too: a refusal pushes nothing.
        rows.Add($"edge events={host.Edge.Events.Count}");
        return rows;
    }
}
