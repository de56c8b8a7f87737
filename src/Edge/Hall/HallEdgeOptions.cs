namespace Im.Edge.Hall;

/// <summary>The edge's keys of configuration section <c>Hall</c> (the grains read theirs from <see cref="Im.Hall.Halls.HallOptions"/>).</summary>
public sealed class HallEdgeOptions
{
    /// <summary>
    /// How long a screen token is valid. Long, because a hall TV is set up once; a removed
    /// screen is refused at its next connection whatever its token's expiry.
    /// </summary>
    public TimeSpan ScreenTokenLifetime { get; set; } = TimeSpan.FromDays(365);

    /// <summary>
    /// At most one <c>queueStatsChanged</c> per queue per this interval reaches this edge's
    /// screens, carrying the newest counts (see <see cref="QueueStatsThrottle"/>); zero sends every change.
    /// </summary>
    public TimeSpan ScreenStatsInterval { get; set; } = TimeSpan.FromMilliseconds(500);
}
