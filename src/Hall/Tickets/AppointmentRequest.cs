namespace Im.Hall.Tickets;

/// <summary>Book a time slot of a queue's day for a member; the slot's times are absolute.</summary>
public sealed record AppointmentRequest(string MemberId, DateTimeOffset SlotStart, DateTimeOffset SlotEnd);
