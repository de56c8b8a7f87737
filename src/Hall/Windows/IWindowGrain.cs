using Im.Actors;
using Im.Hall.Halls;

namespace Im.Hall.Windows;

/// <summary>
/// One service window, keyed by <see cref="WindowKey"/>: what it serves now, its status, and
/// the durable reminder that raises an alert when it stays paused too long.
/// </summary>
/// <remarks>
/// <para>Who may call: the edge after checking the caller is staff of the hall.</para>
/// <para>Ordering and exclusivity: one call at a time per window; the queue day hands each
/// ticket to exactly one window, so two windows calling at once never get the same ticket.</para>
/// <para>Calling the next ticket finishes the current one first. Each operation is stored
/// (queue day, then window) before it returns, then reported to the hall, which pushes it
/// to screens; the called member gets a <c>hall.called</c> notice.</para>
/// <para>Call graph: window → queue day → hall, window → hall; nothing calls a window back
/// inside its turn except a queue day releasing a transferred ticket, outside any window call.</para>
/// </remarks>
public interface IWindowGrain : IRemindable
{
    /// <summary>
    /// Calls the next ticket: of <paramref name="queueId"/> only when given (<c>not_bound</c>
    /// if the window does not serve it), else by the window's queue priority, appointments
    /// first. <c>queue_empty</c> when nothing waits, <c>window_paused</c> when paused.
    /// </summary>
    Task<HallCall> CallNextAsync(string? queueId = null);

    /// <summary>Calls the current ticket again; its call count grows.</summary>
    Task<HallCall> RecallAsync();

    /// <summary>Marks the current ticket a no-show (kept in history) and frees the window.</summary>
    Task<WindowStatusView> SkipAsync();

    /// <summary>Marks the current ticket served and frees the window.</summary>
    Task<WindowStatusView> FinishAsync();

    /// <summary>Pauses the window (it keeps no ticket: a current one is finished first) and arms the pause alert.</summary>
    Task<WindowStatusView> PauseAsync();

    /// <summary>Resumes a paused window and disarms the alert; resuming an open window changes nothing.</summary>
    Task<WindowStatusView> ResumeAsync();

    /// <summary>Forgets the current ticket if it is <paramref name="ticketId"/>: the ticket was transferred away.</summary>
    Task ReleaseAsync(string ticketId);

    Task<WindowStatusView> GetAsync();
}
