using Im.Actors.Reminders;

namespace Im.Silo.Tests.Storage;

public abstract partial class StorageBehaviourTests
{
    private static readonly DateTimeOffset DueBase = new DateTimeOffset(2031, 3, 4, 5, 6, 7, TimeSpan.Zero).AddTicks(7890);

    // Only the due-scan test uses this era, so other tests' reminders never fall in its window.
    private static readonly DateTimeOffset DueScanBase = new(1901, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task UpsertInsertsThenReplacesAndIssuesANewEtag()
    {
        await using var storage = await OpenAsync();
        var key = Unique("upsert");

        var inserted = await storage.Reminders.UpsertAsync(Reminder(key, "tick", DueAt(1), TimeSpan.FromMinutes(1)), Cancellation);
        var replaced = await storage.Reminders.UpsertAsync(Reminder(key, "tick", DueAt(2), null) with { Etag = "ignored" }, Cancellation);

        Assert.NotNull(inserted.Etag);
        Assert.NotNull(replaced.Etag);
        Assert.NotEqual(inserted.Etag, replaced.Etag);
        Assert.Equal(Reminder(key, "tick", DueAt(2), null) with { Etag = replaced.Etag }, replaced);
        Assert.Equal([replaced], await storage.Reminders.ReadForGrainAsync(GrainType, key, Cancellation));
    }

    [Fact]
    public async Task ReminderTimesRoundTripInUtcToTheMicrosecond()
    {
        await using var storage = await OpenAsync();
        var key = Unique("precision");
        var dueAt = new DateTimeOffset(2031, 7, 8, 9, 10, 11, TimeSpan.FromHours(5.5)).AddTicks(1234567);
        var period = TimeSpan.FromTicks(123_456_789);

        var stored = await storage.Reminders.UpsertAsync(Reminder(key, "precise", dueAt, period), Cancellation);
        var read = Assert.Single(await storage.Reminders.ReadForGrainAsync(GrainType, key, Cancellation));

        var expected = dueAt.AddTicks(-7).ToUniversalTime();
        Assert.Equal(stored, read);
        Assert.Equal(expected, read.DueAt);
        Assert.Equal(TimeSpan.Zero, read.DueAt.Offset);
        Assert.Equal(period, read.Period);
    }

    [Fact]
    public async Task ReadForGrainReturnsOnlyThatGrainsRemindersByName()
    {
        await using var storage = await OpenAsync();
        var key = Unique("grain");
        var other = Unique("other");
        var b = await storage.Reminders.UpsertAsync(Reminder(key, "b", DueAt(1), null), Cancellation);
        var a = await storage.Reminders.UpsertAsync(Reminder(key, "a", DueAt(2), TimeSpan.FromHours(1)), Cancellation);
        await storage.Reminders.UpsertAsync(Reminder(other, "a", DueAt(1), null), Cancellation);

        Assert.Equal([a, b], await storage.Reminders.ReadForGrainAsync(GrainType, key, Cancellation));
        Assert.Empty(await storage.Reminders.ReadForGrainAsync(GrainType, Unique("none"), Cancellation));
    }

    [Fact]
    public async Task ReadDueReturnsTheEarliestFirstUpToTheLimit()
    {
        await using var storage = await OpenAsync();
        var key = Unique("due");
        var entries = new Dictionary<int, ReminderEntry>();
        foreach (var minutes in new[] { 3, 1, 4, 2, 10 })
        {
            entries[minutes] = await storage.Reminders.UpsertAsync(Reminder(key, $"r{minutes}", DueScanBase.AddMinutes(minutes), null), Cancellation);
        }

        var dueBy = DueScanBase.AddMinutes(4);
        Assert.Equal([entries[1], entries[2], entries[3], entries[4]], await storage.Reminders.ReadDueAsync(dueBy, 100, Cancellation));
        Assert.Equal([entries[1], entries[2]], await storage.Reminders.ReadDueAsync(dueBy, 2, Cancellation));
        Assert.Empty(await storage.Reminders.ReadDueAsync(DueScanBase, 100, Cancellation));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => storage.Reminders.ReadDueAsync(dueBy, 0, Cancellation));
    }

    [Fact]
    public async Task RescheduleMovesTheDueTimeAndIssuesANewEtag()
    {
        await using var storage = await OpenAsync();
        var key = Unique("reschedule");
        var entry = await storage.Reminders.UpsertAsync(Reminder(key, "r", DueAt(1), TimeSpan.FromMinutes(5)), Cancellation);

        var moved = await storage.Reminders.TryRescheduleAsync(entry, DueAt(6), Cancellation);

        Assert.NotNull(moved);
        Assert.Equal(DueAt(6), moved.DueAt);
        Assert.NotEqual(entry.Etag, moved.Etag);
        Assert.Equal([moved], await storage.Reminders.ReadForGrainAsync(GrainType, key, Cancellation));
    }

    [Fact]
    public async Task RescheduleWithAStaleEtagFails()
    {
        await using var storage = await OpenAsync();
        var key = Unique("stale-reminder");
        var entry = await storage.Reminders.UpsertAsync(Reminder(key, "r", DueAt(1), TimeSpan.FromMinutes(5)), Cancellation);
        var moved = await storage.Reminders.TryRescheduleAsync(entry, DueAt(6), Cancellation);

        Assert.Null(await storage.Reminders.TryRescheduleAsync(entry, DueAt(11), Cancellation));
        var replaced = await storage.Reminders.UpsertAsync(Reminder(key, "r", DueAt(20), null), Cancellation);
        Assert.Null(await storage.Reminders.TryRescheduleAsync(moved!, DueAt(11), Cancellation));
        Assert.Null(await storage.Reminders.TryRescheduleAsync(entry with { Etag = "not-a-version" }, DueAt(11), Cancellation));
        Assert.Equal([replaced], await storage.Reminders.ReadForGrainAsync(GrainType, key, Cancellation));

        await storage.Reminders.DeleteAsync(GrainType, key, "r", null, Cancellation);
        Assert.Null(await storage.Reminders.TryRescheduleAsync(replaced, DueAt(30), Cancellation));
        Assert.Empty(await storage.Reminders.ReadForGrainAsync(GrainType, key, Cancellation));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => storage.Reminders.TryRescheduleAsync(replaced with { Etag = null }, DueAt(30), Cancellation));
    }

    [Fact]
    public async Task DeleteIsConditionalOnTheEtagOnlyWhenOneIsGiven()
    {
        await using var storage = await OpenAsync();
        var key = Unique("delete");
        var first = await storage.Reminders.UpsertAsync(Reminder(key, "conditional", DueAt(1), null), Cancellation);
        var current = await storage.Reminders.UpsertAsync(Reminder(key, "conditional", DueAt(2), null), Cancellation);
        await storage.Reminders.UpsertAsync(Reminder(key, "unconditional", DueAt(3), null), Cancellation);

        Assert.False(await storage.Reminders.DeleteAsync(GrainType, key, "conditional", first.Etag, Cancellation));
        Assert.Equal([current], (await storage.Reminders.ReadForGrainAsync(GrainType, key, Cancellation)).Where(r => r.Name == "conditional"));
        Assert.True(await storage.Reminders.DeleteAsync(GrainType, key, "conditional", current.Etag, Cancellation));
        Assert.False(await storage.Reminders.DeleteAsync(GrainType, key, "conditional", current.Etag, Cancellation));
        Assert.True(await storage.Reminders.DeleteAsync(GrainType, key, "unconditional", null, Cancellation));
        Assert.False(await storage.Reminders.DeleteAsync(GrainType, key, "unconditional", null, Cancellation));
        Assert.Empty(await storage.Reminders.ReadForGrainAsync(GrainType, key, Cancellation));
    }

    private static ReminderEntry Reminder(string grainKey, string name, DateTimeOffset dueAt, TimeSpan? period) =>
        new(GrainType, grainKey, name, dueAt, period);

    private static DateTimeOffset DueAt(int minutes) => DueBase.AddMinutes(minutes);
}
