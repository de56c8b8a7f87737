namespace Im.Hall.Halls;

/// <summary>Configuration section <c>Hall</c>.</summary>
public sealed class HallOptions
{
    public const string SectionName = "Hall";

    /// <summary>The time zone of a hall created without one.</summary>
    public string DefaultTimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>How many of the first waiting tickets (with a member) get a "get ready" notice.</summary>
    public int GetReadyCount { get; set; } = 3;

    /// <summary>A window paused longer than this raises an alert to the hall's supervisors.</summary>
    public TimeSpan PauseAlertAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Whether a transferred ticket keeps its place (by its original issue time) or goes to the back of the new queue.</summary>
    public bool TransferKeepsPlace { get; set; } = true;

    /// <summary>How many calls screens get in a snapshot's <c>recentCalls</c>.</summary>
    public int RecentCalls { get; set; } = 10;

    /// <summary>The queue quota used when a queue sets none; ticket numbers have at least three digits.</summary>
    public int MaxDailyQuota { get; set; } = 9_999;
}
