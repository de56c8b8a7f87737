namespace Im.Hall.Halls;

/// <summary>
/// A call of a ticket to a window: the contract's Call
/// <c>{hallId, ticketNumber, queueId, windowId, calledAt, callCount}</c>, plus the ticket's id.
/// <c>CallCount</c> is 1 on the first call and grows with each recall.
/// </summary>
public sealed record HallCall(
    string HallId,
    string TicketId,
    string TicketNumber,
    string QueueId,
    string WindowId,
    DateTimeOffset CalledAt,
    int CallCount);
