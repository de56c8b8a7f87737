using System.Globalization;
using Im.Actors;
using Im.Domain.Errors;
using Im.Hall.Errors;
using Im.Hall.Halls;
using Im.Hall.Notices;
using Im.Hall.Tickets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Im.Hall.Queues;

/// <summary>
/// One queue's day. Non-reentrant: numbers, quota and "who is next" are decided one call at
/// a time, which is what makes numbers gapless and each ticket go to exactly one window.
/// </summary>
/// <remarks>
/// <para>The tickets are rows of <see cref="ITicketStore"/>, loaded on activation; each call
/// writes only the rows it changed (and the small <see cref="QueueDayState"/> only when it
/// books an appointment), so a write costs the tickets it touches, not the day.</para>
/// <para>Every change is made in memory, written, and only then announced (stats to the
/// edges, "get ready" to members). A failed write deactivates the grain, so the next call
/// reloads what storage holds rather than a change that never became durable. If two
/// activations ever run at once, the first write of the stale one fails on a row's unique
/// key or version (<see cref="Im.Actors.Storage.InconsistentStateException"/>), and the
/// runtime discards it.</para>
/// </remarks>
[GrainType("hall-queue-day")]
public sealed partial class QueueDayGrain : Grain<QueueDayState>, IQueueDayGrain
{
    private readonly HallEdgeDirectory _edges;
    private readonly ITicketStore _store;
    private readonly IHallNotifier _notifier;
    private readonly HallOptions _options;
    private readonly ILogger<QueueDayGrain> _logger;
    private QueueDayKey _key;
    private HallInfo? _hall;
    private QueueSetup? _queue;
    private QueueDayTickets _tickets = new([]);

    public QueueDayGrain(HallEdgeDirectory edges, ITicketStore store, IHallNotifier notifier, IOptions<HallOptions> options, ILogger<QueueDayGrain> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _edges = edges;
        _store = store;
        _notifier = notifier;
        _options = options.Value;
        _logger = logger;
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = QueueDayKey.Parse(GrainKey);
        _tickets = new QueueDayTickets(await _store.LoadAsync(GrainKey, cancellationToken));

        // A check-in writes only its ticket row; the row is what says the appointment has a ticket.
        for (var i = 0; i < State.Appointments.Count; i++)
        {
            var appointment = State.Appointments[i];
            if (appointment.TicketId is null && _tickets.FirstOrDefault(t => t.AppointmentId == appointment.AppointmentId) is { } ticket)
            {
                State.Appointments[i] = appointment with { TicketId = ticket.TicketId };
            }
        }
    }

    public async Task<Ticket> IssueAsync(IssueRequest request)
    {
        if (request is null)
        {
            throw new DomainException(ErrorCodes.Invalid, "an issue request is required");
        }

        if (request.MemberId is not null)
        {
            HallInput.MemberId(request.MemberId, "memberId");
        }

        var (hall, queue) = await ConfigAsync();
        var now = TimeProvider.GetUtcNow();
        if (HallTime.DayOf(hall, now) != _key.Day || !HallTime.IsOpen(hall, queue.OpeningHours, now))
        {
            throw new DomainException(HallErrorCodes.QueueClosed, "the queue is not open now");
        }

        if (request.AppointmentId is not null)
        {
            return await CheckInAsync(request, queue, now);
        }

        RequireNoOpenTicket(request.MemberId);
        if (QuotaUsed >= QuotaOf(queue))
        {
            throw new DomainException(HallErrorCodes.QuotaExhausted, "the queue issued its daily quota");
        }

        var ticket = NewTicket(queue, request.MemberId, appointment: null, priority: false, now, now);
        await CommitAsync();
        return View(ticket);
    }

    public async Task<Appointment> BookAsync(AppointmentRequest request)
    {
        if (request is null)
        {
            throw new DomainException(ErrorCodes.Invalid, "an appointment request is required");
        }

        HallInput.MemberId(request.MemberId, "memberId");
        if (request.SlotEnd <= request.SlotStart)
        {
            throw new DomainException(ErrorCodes.Invalid, "a slot must end after it starts");
        }

        var (hall, queue) = await ConfigAsync();
        var (dayStart, dayEnd) = HallTime.Bounds(hall, _key.Day);
        if (request.SlotStart < dayStart || request.SlotEnd > dayEnd)
        {
            throw new DomainException(ErrorCodes.Invalid, "the slot must lie within the queue's day, in the hall's time zone");
        }

        if (request.SlotEnd <= TimeProvider.GetUtcNow())
        {
            throw new DomainException(ErrorCodes.Invalid, "the slot is over");
        }

        if (!HallTime.IsOpen(hall, queue.OpeningHours, request.SlotStart))
        {
            throw new DomainException(HallErrorCodes.QueueClosed, "the queue is closed when the slot starts");
        }

        if (State.Appointments.Exists(a => a.MemberId == request.MemberId && (a.TicketId is null || IsOpen(a.TicketId))))
        {
            throw new DomainException(HallErrorCodes.DuplicateTicket, "the member already holds an appointment in this queue today");
        }

        if (QuotaUsed >= QuotaOf(queue))
        {
            throw new DomainException(HallErrorCodes.QuotaExhausted, "the queue issued its daily quota");
        }

        var id = new TicketId(_key.Day, _key.QueueId, $"A{State.Appointments.Count + 1}").ToString();
        var appointment = new Appointment(id, _key.HallId, _key.QueueId, request.MemberId, request.SlotStart, request.SlotEnd, TicketId: null);
        State.Appointments.Add(appointment);
        await CommitAsync(stateChanged: true);
        return appointment;
    }

    public Task<Appointment> GetAppointmentAsync(string appointmentId) =>
        Task.FromResult(State.Appointments.Find(a => a.AppointmentId == appointmentId)
            ?? throw new DomainException(ErrorCodes.NotFound, "the appointment does not exist"));

    public Task<Ticket> GetTicketAsync(string ticketId) => Task.FromResult(View(Find(ticketId)));

    public async Task<QueueStats> GetStatsAsync()
    {
        var (_, queue) = await ConfigAsync();
        return Stats(queue);
    }

    public Task<IReadOnlyList<Ticket>> GetTicketsAsync()
    {
        var positions = QueueOrder.Positions(_tickets.All);
        IReadOnlyList<Ticket> tickets = [.. _tickets.All.Select(t => t with { Position = positions.GetValueOrDefault(t.TicketId) })];
        return Task.FromResult(tickets);
    }

    private async Task<Ticket> CheckInAsync(IssueRequest request, QueueSetup queue, DateTimeOffset now)
    {
        var index = State.Appointments.FindIndex(a => a.AppointmentId == request.AppointmentId);
        if (index < 0)
        {
            throw new DomainException(ErrorCodes.NotFound, "the appointment does not exist");
        }

        var appointment = State.Appointments[index];
        if (request.MemberId is not null && request.MemberId != appointment.MemberId)
        {
            throw new DomainException(ErrorCodes.Forbidden, "the appointment is another member's");
        }

        if (appointment.TicketId is not null)
        {
            // Checking in twice (a retry) answers the ticket of the first check-in.
            return View(Find(appointment.TicketId));
        }

        if (now < appointment.SlotStart)
        {
            throw new DomainException(HallErrorCodes.TooEarly, "the appointment's slot has not started");
        }

        RequireNoOpenTicket(appointment.MemberId);

        // Inside its slot the ticket is served before walk-ins, in slot order; after the slot
        // it is a walk-in from now. The quota was counted when the slot was booked.
        var inSlot = now < appointment.SlotEnd;
        var ticket = NewTicket(queue, appointment.MemberId, appointment.AppointmentId, inSlot, now, inSlot ? appointment.SlotStart : now);
        // In memory only: on activation the ticket row fills it in again.
        State.Appointments[index] = appointment with { TicketId = ticket.TicketId };
        await CommitAsync();
        return View(ticket);
    }

    private Ticket NewTicket(QueueSetup queue, string? memberId, string? appointment, bool priority, DateTimeOffset issuedAt, DateTimeOffset placeAt)
    {
        var number = _tickets.LastNumber + 1;
        var ticketNumber = $"{queue.Prefix}{number.ToString("000", CultureInfo.InvariantCulture)}";
        var ticket = new Ticket(NextTicketId(), ticketNumber, _key.HallId, _key.QueueId, memberId, appointment, priority, TicketStatus.Waiting, 0, issuedAt, placeAt);
        _tickets.Add(ticket, number);
        return ticket;
    }

    private string NextTicketId() =>
        new TicketId(_key.Day, _key.QueueId, (_tickets.LastSerial + 1).ToString(CultureInfo.InvariantCulture)).ToString();

    private void RequireNoOpenTicket(string? memberId)
    {
        if (memberId is not null && _tickets.Exists(t => t.MemberId == memberId && IsOpen(t)))
        {
            throw new DomainException(HallErrorCodes.DuplicateTicket, "the member already holds an open ticket in this queue");
        }
    }

    /// <summary>Walk-in tickets issued plus appointments booked: what the quota limits.</summary>
    private int QuotaUsed => _tickets.WalkIns + State.Appointments.Count;

    private int QuotaOf(QueueSetup queue) => queue.DailyQuota ?? _options.MaxDailyQuota;

    private bool IsOpen(string ticketId) => _tickets.Find(ticketId) is { } t && IsOpen(t);

    private static bool IsOpen(Ticket ticket) => ticket.Status is TicketStatus.Waiting or TicketStatus.Called;

    private Ticket Find(string ticketId) =>
        (ticketId is null ? null : _tickets.Find(ticketId))
        ?? throw new DomainException(ErrorCodes.NotFound, "the ticket does not exist");

    /// <summary>The ticket as callers see it: with its place in the queue while it waits.</summary>
    private Ticket View(Ticket ticket) =>
        ticket.Status == TicketStatus.Waiting
            ? ticket with { Position = QueueOrder.Waiting(_tickets.All).TakeWhile(t => t.TicketId != ticket.TicketId).Count() }
            : ticket with { Position = 0 };

    /// <summary>The hall's configuration and this queue's, read fresh so that changes apply at once.</summary>
    private async Task<(HallInfo Hall, QueueSetup Queue)> ConfigAsync()
    {
        var hall = await GrainFactory.GetGrain<IHallGrain>(_key.HallId).GetAsync();
        var queue = hall.Queues.FirstOrDefault(q => q.QueueId == _key.QueueId)
            ?? throw new DomainException(ErrorCodes.NotFound, "the queue does not exist");
        (_hall, _queue) = (hall, queue);
        return (hall, queue);
    }
}
