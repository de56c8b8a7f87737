using Im.Hall.Tickets;

namespace Im.Hall.Queues;

/// <summary>
/// Stored state of <see cref="QueueDayGrain"/>: only what is not a ticket, so it stays small
/// and is written only when an appointment is booked. The tickets are rows of
/// <see cref="ITicketStore"/>; the day's counters (last number, last serial, quota used) are
/// derived from those rows and <see cref="Appointments"/>.
/// </summary>
public sealed class QueueDayState
{
    /// <summary>
    /// The booked appointments. An appointment's <see cref="Appointment.TicketId"/> is filled
    /// in from the ticket rows on activation, so checking in writes the ticket row alone.
    /// </summary>
    public List<Appointment> Appointments { get; set; } = [];
}
