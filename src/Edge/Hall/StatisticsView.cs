namespace Im.Edge.Hall;

/// <summary>Answer of <c>GET /api/halls/{hallId}/stats</c>: a hall's day (its own time zone), a row per queue and a row per window.</summary>
public sealed record StatisticsView(string HallId, string Day, IReadOnlyList<StatisticsRowView> Queues, IReadOnlyList<StatisticsRowView> Windows);
