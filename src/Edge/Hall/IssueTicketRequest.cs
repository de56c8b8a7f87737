namespace Im.Edge.Hall;

/// <summary>
/// Body of <c>POST /api/halls/{hallId}/tickets</c>. <c>memberId</c> absent: the caller's own
/// ticket for a plain member, an anonymous (kiosk) ticket for staff.
/// </summary>
public sealed record IssueTicketRequest(string? QueueId, string? MemberId, string? AppointmentId);
