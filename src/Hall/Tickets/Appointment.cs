namespace Im.Hall.Tickets;

/// <summary>
/// A booked slot. Checked in inside its slot, its ticket is served before walk-ins; checked
/// in after the slot ended it queues as a walk-in; before the slot opens it is refused.
/// </summary>
public sealed record Appointment(
    string AppointmentId,
    string HallId,
    string QueueId,
    string MemberId,
    DateTimeOffset SlotStart,
    DateTimeOffset SlotEnd,
    string? TicketId);
