using Im.Hall.Tickets;

namespace Im.Edge.Hall;

/// <summary>Body of <c>POST /api/halls/{hallId}/tickets/{ticketId}/rating</c>.</summary>
public sealed record RateTicketRequest(RatingScore? Score, string? Comment);
