using Im.Actors;
using Im.Hall.Tickets;

namespace Im.Hall.Queues;

/// <summary>
/// One queue's tickets and appointments for one day, keyed by <see cref="QueueDayKey"/>.
/// The single place that hands out numbers and picks the next ticket, so numbers are
/// gapless per day and each ticket is called by exactly one window.
/// </summary>
/// <remarks>
/// <para>Who may call: the edge (issue, book, transfer, rate, read) after its role checks;
/// window grains (take, recall, skip, finish). The grain enforces the queue's rules (quota,
/// opening hours, one open ticket per member) with the configuration it reads from the hall.</para>
/// <para>Durability: each change is stored before the call returns, then
/// <c>queueStatsChanged</c> goes to the edges and "get ready" notices to the first waiting
/// members (each ticket is told once). Every refusal changes nothing.</para>
/// <para>Order: checked-in appointments (by slot start, then check-in) before walk-ins; each
/// group by <see cref="Ticket.PlaceAt"/>, then number.</para>
/// <para>Call graph: queue day → hall, queue day → another queue day (transfer), queue day →
/// window (releasing a transferred ticket). Neither the hall nor a target queue day calls back.</para>
/// </remarks>
public interface IQueueDayGrain : IGrain
{
    /// <summary>Issues the next number; <c>quota_exhausted</c>, <c>queue_closed</c>, <c>duplicate_ticket</c>, <c>not_found</c>.</summary>
    Task<Ticket> IssueAsync(IssueRequest request);

    /// <summary>Books a slot of this day; counts against the quota like a ticket.</summary>
    Task<Appointment> BookAsync(AppointmentRequest request);

    Task<Appointment> GetAppointmentAsync(string appointmentId);

    /// <summary>
    /// Calls the first waiting ticket (only checked-in appointments when
    /// <paramref name="appointmentsOnly"/>) to <paramref name="windowId"/>; null when none waits.
    /// </summary>
    Task<Ticket?> TakeNextAsync(string windowId, bool appointmentsOnly);

    /// <summary>Calls the ticket again at the window it is called to; its call count grows.</summary>
    Task<Ticket> RecallAsync(string ticketId, string windowId);

    /// <summary>Closes a called ticket as a no-show.</summary>
    Task<Ticket> SkipAsync(string ticketId, string windowId);

    /// <summary>Closes a called ticket as served.</summary>
    Task<Ticket> FinishAsync(string ticketId, string windowId);

    /// <summary>
    /// Moves an open ticket to another queue of the hall: a new ticket with the same number
    /// waits there (its place per <c>Hall:TransferKeepsPlace</c>), this one is closed as
    /// transferred, and a window that had it called is released. Returns the new ticket.
    /// </summary>
    Task<Ticket> TransferAsync(string ticketId, string targetQueueId);

    /// <summary>The receiving half of a transfer; idempotent by the source ticket's id.</summary>
    Task<Ticket> AcceptTransferAsync(Ticket source, bool keepPlace);

    /// <summary>The ticket's member rates a served ticket once; an unsatisfied rating alerts the supervisors.</summary>
    Task<Ticket> RateAsync(string ticketId, string memberId, RatingScore score, string? comment);

    Task<Ticket> GetTicketAsync(string ticketId);

    Task<QueueStats> GetStatsAsync();

    /// <summary>Every ticket of the day, in issue order: the input of the day's statistics.</summary>
    Task<IReadOnlyList<Ticket>> GetTicketsAsync();
}
