using Im.Actors;
using Im.Domain.Errors;
using Im.Hall.Errors;
using Im.Hall.Halls;
using Im.Hall.Notices;
using Im.Hall.Queues;
using Im.Hall.Tickets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Im.Hall.Windows;

/// <summary>
/// A service window. Non-reentrant, so one staff action at a time; the queue days decide
/// which ticket it gets, and it reports every call and status to the hall for the screens.
/// </summary>
/// <remarks>
/// A window's own state is written after the queue day stored the ticket's change, so the
/// queue day is the authority on tickets: when it refuses a ticket as no longer called to
/// this window (transferred away), the window lets go of it.
/// </remarks>
[GrainType("hall-window")]
public sealed partial class WindowGrain : Grain<WindowState>, IWindowGrain
{
    private readonly IHallNotifier _notifier;
    private readonly HallOptions _options;
    private readonly ILogger<WindowGrain> _logger;
    private WindowKey _key;

    public WindowGrain(IHallNotifier notifier, IOptions<HallOptions> options, ILogger<WindowGrain> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _notifier = notifier;
        _options = options.Value;
        _logger = logger;
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = WindowKey.Parse(GrainKey);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Takes the next ticket, then closes the current one as served: when nothing waits the
    /// answer is <c>queue_empty</c> and the window keeps serving what it served.
    /// </summary>
    public async Task<HallCall> CallNextAsync(string? queueId = null)
    {
        if (queueId is not null)
        {
            HallInput.Id(queueId, "queueId");
        }

        var (hall, window) = await ConfigAsync();
        RequireNotPaused();
        if (queueId is not null && !window.QueueIds.Contains(queueId, StringComparer.Ordinal))
        {
            throw new DomainException(HallErrorCodes.NotBound, "the window does not serve that queue");
        }

        IReadOnlyList<string> queues = queueId is null ? window.QueueIds : [queueId];
        var day = HallTime.DayOf(hall, TimeProvider.GetUtcNow());
        var next = await TakeNextAsync(queues, day)
            ?? throw new DomainException(HallErrorCodes.QueueEmpty, "no ticket waits");

        if (State.CurrentTicketId is not null)
        {
            State.PendingCloses.Add(new PendingClose(CurrentQueueDay!, State.CurrentTicketId));
        }

        await ClosePendingAsync();
        Serve(next, day);
        await SaveAsync();
        var call = new HallCall(_key.HallId, next.TicketId, next.TicketNumber, next.QueueId, _key.WindowId, next.CalledAt!.Value, next.CallCount);
        await ReportCallAsync(call, next.MemberId, window.Name);
        return call;
    }

    public async Task<HallCall> RecallAsync()
    {
        var (_, window) = await ConfigAsync();
        var queueDay = RequireCurrent();
        Ticket ticket;
        try
        {
            ticket = await queueDay.RecallAsync(State.CurrentTicketId!, _key.WindowId);
        }
        catch (DomainException error) when (error.Code == HallErrorCodes.TicketState)
        {
            await LetGoAsync(window);
            throw new DomainException(HallErrorCodes.NoCurrentTicket, "the ticket left this window (transferred)");
        }

        var call = new HallCall(_key.HallId, ticket.TicketId, ticket.TicketNumber, ticket.QueueId, _key.WindowId, TimeProvider.GetUtcNow(), ticket.CallCount);
        await ReportCallAsync(call, ticket.MemberId, window.Name);
        return call;
    }

    public Task<WindowStatusView> SkipAsync() => CloseCurrentAsync(skip: true);

    public Task<WindowStatusView> FinishAsync() => CloseCurrentAsync(skip: false);

    public async Task ReleaseAsync(string ticketId)
    {
        if (State.CurrentTicketId is null || State.CurrentTicketId != ticketId)
        {
            return;
        }

        var (_, window) = await ConfigAsync();
        await LetGoAsync(window);
    }

    public async Task<WindowStatusView> GetAsync()
    {
        var (_, window) = await ConfigAsync();
        return View(window);
    }

    private async Task<WindowStatusView> CloseCurrentAsync(bool skip)
    {
        var (_, window) = await ConfigAsync();
        var queueDay = RequireCurrent();
        try
        {
            _ = skip
                ? await queueDay.SkipAsync(State.CurrentTicketId!, _key.WindowId)
                : await queueDay.FinishAsync(State.CurrentTicketId!, _key.WindowId);
        }
        catch (DomainException error) when (error.Code == HallErrorCodes.TicketState)
        {
            // Transferred away meanwhile: nothing left to close, the window is free all the same.
        }

        return await LetGoAsync(window);
    }

    /// <summary>Window first, across its queues: checked-in appointments first, then anything waiting.</summary>
    private async Task<Ticket?> TakeNextAsync(IReadOnlyList<string> queues, DateOnly day)
    {
        if (queues.Count > 1)
        {
            foreach (var queue in queues)
            {
                if (await QueueDay(queue, day).TakeNextAsync(_key.WindowId, appointmentsOnly: true) is { } appointment)
                {
                    return appointment;
                }
            }
        }

        foreach (var queue in queues)
        {
            if (await QueueDay(queue, day).TakeNextAsync(_key.WindowId, appointmentsOnly: false) is { } ticket)
            {
                return ticket;
            }
        }

        return null;
    }

    /// <summary>Closes as served the tickets this window moved on from; one that fails stays listed for the next call.</summary>
    private async Task ClosePendingAsync()
    {
        foreach (var pending in State.PendingCloses.ToList())
        {
            try
            {
                await GrainFactory.GetGrain<IQueueDayGrain>(pending.QueueDayKey).FinishAsync(pending.TicketId, _key.WindowId);
                State.PendingCloses.Remove(pending);
            }
            catch (DomainException)
            {
                // Closed or transferred already: nothing to finish.
                State.PendingCloses.Remove(pending);
            }
            catch (Exception error)
            {
                _logger.LogWarning(error, "Window {Window} could not finish ticket {Ticket}; it retries on its next call", GrainKey, pending.TicketId);
            }
        }
    }

    private void Serve(Ticket ticket, DateOnly day)
    {
        State.Status = WindowStatus.Serving;
        State.Since = ticket.CalledAt;
        State.CurrentTicketId = ticket.TicketId;
        State.CurrentTicketNumber = ticket.TicketNumber;
        State.CurrentQueueId = ticket.QueueId;
        State.CurrentDay = day;
    }

    /// <summary>Frees the window, stores it and reports the status.</summary>
    private async Task<WindowStatusView> LetGoAsync(WindowSetup window)
    {
        State.Status = WindowStatus.Idle;
        State.Since = TimeProvider.GetUtcNow();
        State.CurrentTicketId = null;
        State.CurrentTicketNumber = null;
        State.CurrentQueueId = null;
        State.CurrentDay = null;
        await SaveAsync();
        var view = View(window);
        await ReportStatusAsync(view);
        return view;
    }

    private string? CurrentQueueDay =>
        State is { CurrentQueueId: { } queueId, CurrentDay: { } day } ? new QueueDayKey(_key.HallId, queueId, day).ToString() : null;

    private IQueueDayGrain RequireCurrent() =>
        State.CurrentTicketId is not null && CurrentQueueDay is { } key
            ? GrainFactory.GetGrain<IQueueDayGrain>(key)
            : throw new DomainException(HallErrorCodes.NoCurrentTicket, "the window serves no ticket");

    private void RequireNotPaused()
    {
        if (State.Status == WindowStatus.Paused)
        {
            throw new DomainException(HallErrorCodes.WindowPaused, "the window is paused; resume it first");
        }
    }

    private IQueueDayGrain QueueDay(string queueId, DateOnly day) =>
        GrainFactory.GetGrain<IQueueDayGrain>(new QueueDayKey(_key.HallId, queueId, day).ToString());

    private WindowStatusView View(WindowSetup window) =>
        new(_key.HallId, _key.WindowId, window.Name, State.Status, State.CurrentTicketNumber, State.CurrentTicketId, State.Since ?? DateTimeOffset.UnixEpoch);

    private async Task<(HallInfo Hall, WindowSetup Window)> ConfigAsync()
    {
        var hall = await GrainFactory.GetGrain<IHallGrain>(_key.HallId).GetAsync();
        var window = hall.Windows.FirstOrDefault(w => w.WindowId == _key.WindowId)
            ?? throw new DomainException(ErrorCodes.NotFound, "the window does not exist");
        return (hall, window);
    }

    private async Task SaveAsync()
    {
        try
        {
            await WriteStateAsync();
        }
        catch
        {
            // Memory holds a change storage does not: start over from storage.
            DeactivateOnIdle();
            throw;
        }
    }
}
