namespace Im.Edge.Hall;

/// <summary>Body of <c>POST /api/halls/{hallId}/tickets/{ticketId}/transfer</c>: the queue the ticket moves to.</summary>
public sealed record TransferTicketRequest(string? QueueId);
