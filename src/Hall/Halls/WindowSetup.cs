namespace Im.Hall.Halls;

/// <summary>
/// A service window and the queues it serves, in priority order: call-next takes checked-in
/// appointments first (queues in this order), then walk-ins (queues in this order).
/// Putting a window with an existing id updates it.
/// </summary>
public sealed record WindowSetup(string WindowId, string Name, IReadOnlyList<string> QueueIds);
