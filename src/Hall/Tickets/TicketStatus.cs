namespace Im.Hall.Tickets;

/// <summary>
/// A ticket's life: <c>Waiting</c> → <c>Called</c> (to a window; recalls keep it there) →
/// <c>Served</c> or <c>Skipped</c>; or <c>Transferred</c> (a new ticket with the same number
/// waits in another queue). Only <c>Waiting</c> and <c>Called</c> are open.
/// </summary>
public enum TicketStatus
{
    Waiting,
    Called,
    Served,
    Skipped,
    Transferred,
}
