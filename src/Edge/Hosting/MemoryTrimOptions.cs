namespace Im.Edge.Hosting;

/// <summary>Configuration section <c>MemoryTrim</c>: when the edge hands a burst's garbage back to the OS (<see cref="MemoryTrimService"/>).</summary>
public sealed class MemoryTrimOptions
{
    public const string SectionName = "MemoryTrim";

    public bool Enabled { get; set; } = true;

    /// <summary>How often the allocation counters are looked at.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A burst: at least this much (and at least half the heap) allocated since the last trim, or since start.</summary>
    public long BurstBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Quiet: at most this much allocated during the last interval.</summary>
    public long QuietBytes { get; set; } = 10L * 1024 * 1024;
}
