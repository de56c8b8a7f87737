namespace Im.Actors;

/// <summary>When a reminder was due and its period (null for one-shot).</summary>
public sealed record ReminderTick(DateTimeOffset DueAt, TimeSpan? Period);
