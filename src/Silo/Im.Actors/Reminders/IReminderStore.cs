namespace Im.Actors.Reminders;

/// <summary>
/// Durable reminder table: one row per (grain type, grain key, reminder name).
/// </summary>
/// <remarks>
/// Rows survive restarts; that is the whole point of a reminder. Updates are conditional
/// on the row's etag, so when two runtimes see the same due reminder only the one whose
/// update wins fires it. A write returns only after it is durable. Due times come back in
/// UTC, truncated to whole microseconds (the precision every adapter can keep); the
/// returned entries carry the stored value.
/// </remarks>
public interface IReminderStore
{
    /// <summary>Inserts or replaces the reminder (registration wins over any earlier row); returns it with its new etag.</summary>
    Task<ReminderEntry> UpsertAsync(ReminderEntry reminder, CancellationToken cancellationToken);

    /// <summary>Moves a reminder's due time when its etag still matches; null when someone else changed or removed it.</summary>
    Task<ReminderEntry?> TryRescheduleAsync(ReminderEntry reminder, DateTimeOffset nextDueAt, CancellationToken cancellationToken);

    /// <summary>Removes a reminder; with an etag only when it still matches. True when a row was removed.</summary>
    Task<bool> DeleteAsync(string grainType, string grainKey, string name, string? expectedEtag, CancellationToken cancellationToken);

    /// <summary>One grain's reminders.</summary>
    Task<IReadOnlyList<ReminderEntry>> ReadForGrainAsync(string grainType, string grainKey, CancellationToken cancellationToken);

    /// <summary>Reminders due at or before <paramref name="dueBy"/>, earliest first.</summary>
    Task<IReadOnlyList<ReminderEntry>> ReadDueAsync(DateTimeOffset dueBy, int limit, CancellationToken cancellationToken);
}
