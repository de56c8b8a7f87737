using Im.Domain.Errors;
using Im.Hall.Windows;

namespace Im.Hall.Halls;

public sealed partial class HallGrain
{
    /// <summary>
    /// Stores the call first (newest first; a recall replaces the ticket's older entry, so a
    /// screen lists each ticket once), marks its window serving it, then pushes the call and,
    /// when the window's status changed, the status.
    /// </summary>
    public async Task RecordCallAsync(HallCall call)
    {
        CheckReport(call?.HallId, call?.WindowId);
        var window = State.Windows.Find(w => w.WindowId == call!.WindowId);
        State.RecentCalls.RemoveAll(c => c.TicketId == call!.TicketId);
        State.RecentCalls.Insert(0, call!);
        if (State.RecentCalls.Count > _options.RecentCalls)
        {
            State.RecentCalls.RemoveRange(_options.RecentCalls, State.RecentCalls.Count - _options.RecentCalls);
        }

        var previous = State.WindowStatuses.GetValueOrDefault(call!.WindowId);
        var status = new WindowStatusView(GrainKey, call.WindowId, window?.Name ?? call.WindowId, WindowStatus.Serving, call.TicketNumber, call.TicketId, previous?.CurrentTicketId == call.TicketId ? previous.Since : call.CalledAt);
        var statusChanged = previous is null || previous.Status != status.Status || previous.CurrentTicketId != status.CurrentTicketId;
        State.WindowStatuses[call.WindowId] = status;
        await WriteStateAsync();

        await PushAsync(edge => call.CallCount > 1 ? edge.OnTicketRecalledAsync(call) : edge.OnTicketCalledAsync(call));
        if (statusChanged)
        {
            await PushAsync(edge => edge.OnWindowStatusChangedAsync(status));
        }
    }

    public async Task RecordWindowStatusAsync(WindowStatusView status)
    {
        CheckReport(status?.HallId, status?.WindowId);
        State.WindowStatuses[status!.WindowId] = status;
        await WriteStateAsync();
        await PushAsync(edge => edge.OnWindowStatusChangedAsync(status));
    }

    public Task<HallView> GetViewAsync()
    {
        RequireCreated();
        var windows = State.Windows
            .Select(w => State.WindowStatuses.TryGetValue(w.WindowId, out var status)
                ? status with { Name = w.Name }
                : new WindowStatusView(GrainKey, w.WindowId, w.Name, WindowStatus.Idle, null, null, State.CreatedAt))
            .ToList();
        return Task.FromResult(new HallView(GrainKey, [.. State.RecentCalls], windows));
    }

    private void CheckReport(string? hallId, string? windowId)
    {
        if (hallId != GrainKey || !HallInput.IsId(windowId))
        {
            throw new DomainException(ErrorCodes.Invalid, "a report names this hall and a window id");
        }

        RequireCreated();
    }

    private Task PushAsync(Func<IHallEdgeObserver, Task> push) =>
        HallEdgePush.ToAllAsync(GrainFactory, _edges, TimeProvider, _logger, push);
}
