namespace Im.Edge.Hall;

/// <summary>
/// Body of <c>POST /api/halls/{hallId}/queues/{queueId}/appointments</c>: a slot with absolute
/// times; <c>memberId</c> absent books for the caller.
/// </summary>
public sealed record BookAppointmentRequest(string? MemberId, DateTimeOffset? SlotStart, DateTimeOffset? SlotEnd);
