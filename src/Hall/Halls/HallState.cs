using Im.Hall.Screens;
using Im.Hall.Windows;

namespace Im.Hall.Halls;

/// <summary>Stored state of <see cref="HallGrain"/>; a null <see cref="Name"/> means not created.</summary>
public sealed class HallState
{
    public string? Name { get; set; }

    public string TimeZone { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public List<QueueSetup> Queues { get; set; } = [];

    public List<WindowSetup> Windows { get; set; } = [];

    public HallPeople People { get; set; } = new([], [], []);

    public List<ScreenInfo> Screens { get; set; } = [];

    /// <summary>Screens removed; kept so a removed screen's token never works again.</summary>
    public List<string> RemovedScreens { get; set; } = [];

    /// <summary>Newest first, at most <see cref="HallOptions.RecentCalls"/>.</summary>
    public List<HallCall> RecentCalls { get; set; } = [];

    /// <summary>Window id → the status it last reported.</summary>
    public Dictionary<string, WindowStatusView> WindowStatuses { get; set; } = new(StringComparer.Ordinal);
}
