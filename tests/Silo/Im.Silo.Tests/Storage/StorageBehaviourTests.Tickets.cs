using Im.Actors.Storage;
using Im.Hall.Tickets;

namespace Im.Silo.Tests.Storage;

public abstract partial class StorageBehaviourTests
{
    private static readonly DateTimeOffset IssuedBase = new(2031, 5, 6, 1, 2, 3, TimeSpan.Zero);

    [Fact]
    public async Task TicketRowsRoundTripWithTheirVersions()
    {
        await using var storage = await OpenAsync();
        var day = Unique("h/a/2031-05-06");
        var served = TicketOf(2) with
        {
            Status = TicketStatus.Served,
            WindowId = "w1",
            CalledAt = IssuedBase.AddMinutes(1),
            CallCount = 2,
            ClosedAt = IssuedBase.AddMinutes(3),
            Rating = new Rating(RatingScore.Unsatisfied, "slow 慢", IssuedBase.AddMinutes(4)),
        };
        var transferredIn = TicketOf(3) with { TicketNumber = "B007", TransferredFrom = "20310506-b-9" };

        var versions = await storage.Tickets.WriteAsync(day, [Row(TicketOf(1), 1), Row(served, 2, told: true), Row(transferredIn, null)], Cancellation);

        Assert.Equal([1L, 1L, 1L], versions);
        var loaded = (await storage.Tickets.LoadAsync(day, Cancellation)).OrderBy(r => r.Ticket.TicketId, StringComparer.Ordinal).ToList();
        Assert.Equal([Row(TicketOf(1), 1) with { Version = 1 }, Row(served, 2, told: true) with { Version = 1 }, Row(transferredIn, null) with { Version = 1 }], loaded);
        Assert.Empty(await storage.Tickets.LoadAsync(Unique("other-day"), Cancellation));
    }

    [Fact]
    public async Task AnUpdateStoresTheNewTicketAndRaisesTheVersion()
    {
        await using var storage = await OpenAsync();
        var day = Unique("h/a/2031-05-06");
        await storage.Tickets.WriteAsync(day, [Row(TicketOf(1), 1), Row(TicketOf(2), 2)], Cancellation);
        var called = TicketOf(1) with { Status = TicketStatus.Called, WindowId = "w1", CallCount = 1 };

        var versions = await storage.Tickets.WriteAsync(day, [Row(called, 1, told: true) with { Version = 1 }], Cancellation);
        var again = await storage.Tickets.WriteAsync(day, [Row(called with { CallCount = 2 }, 1, told: true) with { Version = 2 }], Cancellation);

        Assert.Equal([2L], versions);
        Assert.Equal([3L], again);
        var loaded = await storage.Tickets.LoadAsync(day, Cancellation);
        Assert.Contains(Row(called with { CallCount = 2 }, 1, told: true) with { Version = 3 }, loaded);
        Assert.Contains(Row(TicketOf(2), 2) with { Version = 1 }, loaded);
    }

    [Fact]
    public async Task ATakenNumberIsRefusedAndNothingOfTheWriteIsStored()
    {
        await using var storage = await OpenAsync();
        var day = Unique("h/a/2031-05-06");
        await storage.Tickets.WriteAsync(day, [Row(TicketOf(1), 1)], Cancellation);
        var before = await LoadSortedAsync(storage, day);

        // Another activation that never saw ticket 1 numbers its own new ticket 1 too.
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.Tickets.WriteAsync(day, [Row(TicketOf(5), 2), Row(TicketOf(6), 1)], Cancellation));
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.Tickets.WriteAsync(day, [Row(TicketOf(1) with { MemberId = "bob" }, 7)], Cancellation));

        Assert.Equal(before, await LoadSortedAsync(storage, day));
        Assert.Equal([1L], await storage.Tickets.WriteAsync(Unique("h/a/2031-05-07"), [Row(TicketOf(1), 1)], Cancellation));
    }

    [Fact]
    public async Task AStaleVersionFailsTheWholeBatchAndNothingIsWritten()
    {
        await using var storage = await OpenAsync();
        var day = Unique("h/a/2031-05-06");
        await storage.Tickets.WriteAsync(day, [Row(TicketOf(1), 1), Row(TicketOf(2), 2)], Cancellation);
        await storage.Tickets.WriteAsync(day, [Row(TicketOf(2) with { CallCount = 1 }, 2) with { Version = 1 }], Cancellation);
        var before = await LoadSortedAsync(storage, day);

        // Ticket 1 is current, ticket 2 was read before the write above: neither is stored, nor the new ticket.
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.Tickets.WriteAsync(
            day,
            [Row(TicketOf(1) with { CallCount = 9 }, 1) with { Version = 1 }, Row(TicketOf(3), 3), Row(TicketOf(2) with { CallCount = 9 }, 2) with { Version = 1 }],
            Cancellation));

        Assert.Equal(before, await LoadSortedAsync(storage, day));
    }

    [Fact]
    public async Task WritersRacingForOneNumberLeaveExactlyOneRow()
    {
        await using var first = await OpenAsync();
        await using var second = await OpenAsync();
        var day = Unique("h/a/2031-05-06");

        var writes = Enumerable.Range(0, 8)
            .Select(i => Task.Run(() => (i % 2 == 0 ? first : second).Tickets.WriteAsync(day, [Row(TicketOf(10 + i), 1)], Cancellation), Cancellation))
            .ToList();
        var outcomes = await Task.WhenAll(writes.Select(async w =>
        {
            try
            {
                await w;
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }));

        Assert.Equal(1, outcomes.Count(won => won));
        Assert.Single(await first.Tickets.LoadAsync(day, Cancellation));
    }

    [Fact]
    public async Task AWriteOfNoRowsWritesNothingAndBadRowsAreRejected()
    {
        await using var storage = await OpenAsync();
        var day = Unique("h/a/2031-05-06");

        Assert.Empty(await storage.Tickets.WriteAsync(day, [], Cancellation));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => storage.Tickets.WriteAsync(day, [Row(TicketOf(1), 1), Row(TicketOf(1), 2)], Cancellation));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => storage.Tickets.WriteAsync(day, [Row(TicketOf(1), 0)], Cancellation));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => storage.Tickets.WriteAsync("", [Row(TicketOf(1), 1)], Cancellation));

        Assert.Empty(await storage.Tickets.LoadAsync(day, Cancellation));
    }

    private static async Task<List<TicketRow>> LoadSortedAsync(StorageUnderTest storage, string day) =>
        [.. (await storage.Tickets.LoadAsync(day, Cancellation)).OrderBy(r => r.Ticket.TicketId, StringComparer.Ordinal)];

    private static TicketRow Row(Ticket ticket, int? number, bool told = false) => new(ticket, number, told, 0);

    private static Ticket TicketOf(int serial) =>
        new($"20310506-a-{serial}", $"A{serial:000}", "h", "a", $"m{serial}", null, false, TicketStatus.Waiting, 0, IssuedBase.AddSeconds(serial), IssuedBase.AddSeconds(serial));
}
