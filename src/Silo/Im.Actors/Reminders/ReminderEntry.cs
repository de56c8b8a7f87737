namespace Im.Actors.Reminders;

/// <summary>
/// One durable reminder. A null <see cref="Period"/> fires once and is then removed.
/// <see cref="Etag"/> is set by the store.
/// </summary>
public sealed record ReminderEntry(
    string GrainType,
    string GrainKey,
    string Name,
    DateTimeOffset DueAt,
    TimeSpan? Period,
    string? Etag = null);
