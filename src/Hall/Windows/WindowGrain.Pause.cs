using Im.Actors;
using Im.Hall.Notices;

namespace Im.Hall.Windows;

public sealed partial class WindowGrain
{
    /// <summary>The one-shot reminder a pause arms; the name is stored with the grain's reminders.</summary>
    public const string PauseAlertReminder = "hall-pause-alert";

    /// <summary>
    /// Reminder due times come back from storage at its precision (microseconds in
    /// PostgreSQL); a due time this much before the stored one belongs to an older pause.
    /// </summary>
    private static readonly TimeSpan DueTolerance = TimeSpan.FromSeconds(1);

    public async Task<WindowStatusView> PauseAsync()
    {
        var (_, window) = await ConfigAsync();
        if (State.Status == WindowStatus.Paused)
        {
            return View(window);
        }

        if (State.CurrentTicketId is not null)
        {
            State.PendingCloses.Add(new PendingClose(CurrentQueueDay!, State.CurrentTicketId));
            await ClosePendingAsync();
        }

        // The reminder is armed before the pause is stored: if the write fails, the reminder
        // finds the window not paused and does nothing; the other order could lose the alert.
        var now = TimeProvider.GetUtcNow();
        await RegisterOrUpdateReminderAsync(PauseAlertReminder, _options.PauseAlertAfter);
        State.Status = WindowStatus.Paused;
        State.Since = now;
        State.CurrentTicketId = null;
        State.CurrentTicketNumber = null;
        State.CurrentQueueId = null;
        State.CurrentDay = null;
        State.PausedAt = now;
        State.PauseAlertDueAt = now + _options.PauseAlertAfter;
        State.PauseAlerted = false;
        await SaveAsync();
        var view = View(window);
        await ReportStatusAsync(view);
        return view;
    }

    public async Task<WindowStatusView> ResumeAsync()
    {
        var (_, window) = await ConfigAsync();
        if (State.Status != WindowStatus.Paused)
        {
            return View(window);
        }

        await UnregisterReminderAsync(PauseAlertReminder);
        State.PausedAt = null;
        State.PauseAlertDueAt = null;
        State.PauseAlerted = false;
        return await LetGoAsync(window);
    }

    /// <summary>
    /// Alerts the supervisors if the pause that armed this reminder is still on. A failed
    /// notice fails the call, so the runtime delivers the reminder again; the inbox keeps
    /// each alert once by its id.
    /// </summary>
    public async Task ReceiveReminderAsync(string reminderName, ReminderTick tick)
    {
        ArgumentNullException.ThrowIfNull(tick);
        if (reminderName != PauseAlertReminder
            || State is not { Status: WindowStatus.Paused, PauseAlerted: false, PausedAt: { } pausedAt, PauseAlertDueAt: { } dueAt }
            || tick.DueAt < dueAt - DueTolerance)
        {
            return;
        }

        var (hall, window) = await ConfigAsync();
        var notice = HallNotices.Paused(View(window), pausedAt, dueAt - pausedAt);
        var failed = 0;
        foreach (var supervisor in hall.People.Supervisors)
        {
            if (!await _notifier.TryNotifyAsync(supervisor, notice, _logger))
            {
                failed++;
            }
        }

        if (failed > 0)
        {
            throw new InvalidOperationException($"{failed} supervisors of {hall.HallId} were not alerted of the paused window {_key.WindowId}.");
        }

        State.PauseAlerted = true;
        await SaveAsync();
    }
}
