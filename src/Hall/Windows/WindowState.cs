namespace Im.Hall.Windows;

/// <summary>Stored state of <see cref="WindowGrain"/>.</summary>
public sealed class WindowState
{
    public WindowStatus Status { get; set; } = WindowStatus.Idle;

    public DateTimeOffset? Since { get; set; }

    public string? CurrentTicketId { get; set; }

    public string? CurrentTicketNumber { get; set; }

    public string? CurrentQueueId { get; set; }

    /// <summary>The day of the queue day that holds the current ticket.</summary>
    public DateOnly? CurrentDay { get; set; }

    /// <summary>When the current pause began; null while not paused.</summary>
    public DateTimeOffset? PausedAt { get; set; }

    /// <summary>When the current pause's alert is due: a reminder due earlier belongs to an older pause.</summary>
    public DateTimeOffset? PauseAlertDueAt { get; set; }

    /// <summary>Whether the current pause's alert went out, so a reminder delivered twice alerts once.</summary>
    public bool PauseAlerted { get; set; }

    /// <summary>Tickets this window let go of whose closing the queue day has not confirmed yet; retried on the next call.</summary>
    public List<PendingClose> PendingCloses { get; set; } = [];
}
