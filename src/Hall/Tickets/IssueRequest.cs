namespace Im.Hall.Tickets;

/// <summary>
/// Take a number. <c>MemberId</c> is whom the ticket is for (null: an anonymous walk-in from
/// a kiosk); <c>AppointmentId</c> checks in a booked appointment of this queue and day.
/// The edge decides who may ask for whom (a member for themself, staff for anyone).
/// </summary>
public sealed record IssueRequest(string? MemberId, string? AppointmentId = null);
