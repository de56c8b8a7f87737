namespace Im.Hall.Halls;

/// <summary>A hall's configuration as stored.</summary>
public sealed record HallInfo(
    string HallId,
    string Name,
    string TimeZone,
    IReadOnlyList<QueueSetup> Queues,
    IReadOnlyList<WindowSetup> Windows,
    HallPeople People);
