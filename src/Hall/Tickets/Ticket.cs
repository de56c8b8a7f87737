namespace Im.Hall.Tickets;

/// <summary>
/// A ticket: the contract's <c>{ticketId, ticketNumber, queueId, position, issuedAt}</c>
/// and its history. <c>Position</c> is how many open tickets are ahead of it while it waits
/// (0 once called or closed). <c>PlaceAt</c> orders the queue: the issue time, or for a
/// transferred ticket its original issue time or the transfer time.
/// </summary>
public sealed record Ticket(
    string TicketId,
    string TicketNumber,
    string HallId,
    string QueueId,
    string? MemberId,
    string? AppointmentId,
    bool Priority,
    TicketStatus Status,
    int Position,
    DateTimeOffset IssuedAt,
    DateTimeOffset PlaceAt,
    string? WindowId = null,
    DateTimeOffset? CalledAt = null,
    int CallCount = 0,
    DateTimeOffset? ClosedAt = null,
    string? TransferredFrom = null,
    string? TransferredTo = null,
    Rating? Rating = null);
