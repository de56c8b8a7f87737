using Im.Hall.Windows;

namespace Im.Hall.Halls;

/// <summary>What screens show, apart from queue counts: the newest calls (newest first) and every window's status.</summary>
public sealed record HallView(
    string HallId,
    IReadOnlyList<HallCall> RecentCalls,
    IReadOnlyList<WindowStatusView> Windows);
