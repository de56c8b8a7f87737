namespace Im.Hall.Windows;

/// <summary>A ticket a window finished (moved on from) whose queue day has not stored it as served yet.</summary>
public sealed record PendingClose(string QueueDayKey, string TicketId);
