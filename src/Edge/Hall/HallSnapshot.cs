using Im.Hall.Halls;
using Im.Hall.Windows;

namespace Im.Edge.Hall;

/// <summary>
/// What <c>subscribe(hallId)</c> answers: the contract's <c>{hallId, recentCalls, windows,
/// queues}</c>, plus the hall's name, its local date, and the window of a window screen
/// (null for a hall screen or a member).
/// </summary>
public sealed record HallSnapshot(
    string HallId,
    string Name,
    string Day,
    IReadOnlyList<HallCall> RecentCalls,
    IReadOnlyList<WindowStatusView> Windows,
    IReadOnlyList<QueueSnapshot> Queues,
    string? ScreenWindowId);
