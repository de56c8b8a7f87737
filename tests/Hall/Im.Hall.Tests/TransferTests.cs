using Im.Domain.Errors;
using Im.Hall.Errors;
using Im.Hall.Tests.Support;
using Im.Hall.Tickets;

namespace Im.Hall.Tests;

public sealed class TransferTests : HallTestBase
{
    [Fact]
    public async Task ATransferredTicketKeepsItsPlaceByItsOriginalIssueTimeByDefault()
    {
        var (moved, waitingBefore) = await TransferIntoABusyQueueAsync(Host, Clock);

        Assert.Equal(("A001", 0), (moved.TicketNumber, moved.Position));
        Assert.Equal(moved.TicketId, (await Host.Window(HallId, "w2").CallNextAsync()).TicketId);
        Assert.Equal(waitingBefore[0].TicketId, (await Host.Window(HallId, "w2").CallNextAsync()).TicketId);
    }

    [Fact]
    public async Task ATransferIsRefusedForAClosedTicketTheSameQueueAnUnknownQueueAndAMemberWaitingThere()
    {
        await CreateHallAsync();
        var day = await TodayAsync();
        var a = Host.QueueDay(HallId, "a", day);
        var served = await a.IssueAsync(new IssueRequest("ann"));
        await Host.Window(HallId, "w1").CallNextAsync();
        await Host.Window(HallId, "w1").FinishAsync();
        var open = await a.IssueAsync(new IssueRequest("bob"));
        await Host.QueueDay(HallId, "b", day).IssueAsync(new IssueRequest("bob"));
        var grains = new[] { Stored.QueueDay(HallId, "a", day), Stored.QueueDay(HallId, "b", day) };
        var before = await Stored.SnapshotAsync(Host, grains);

        await Refusal.ExpectAsync(HallErrorCodes.TicketState, () => a.TransferAsync(served.TicketId, "b"));
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => a.TransferAsync(open.TicketId, "a"));
        await Refusal.ExpectAsync(ErrorCodes.NotFound, () => a.TransferAsync(open.TicketId, "zz"));
        await Refusal.ExpectAsync(HallErrorCodes.DuplicateTicket, () => a.TransferAsync(open.TicketId, "b"));

        Assert.Equal(before, await Stored.SnapshotAsync(Host, grains));
    }

    [Fact]
    public async Task AcceptingTheSameTransferTwiceGivesTheSameTicket()
    {
        await CreateHallAsync();
        var day = await TodayAsync();
        var source = await Host.QueueDay(HallId, "a", day).IssueAsync(new IssueRequest("ann"));
        var b = Host.QueueDay(HallId, "b", day);

        var first = await b.AcceptTransferAsync(source, keepPlace: true);
        var again = await b.AcceptTransferAsync(source, keepPlace: true);

        Assert.Equal(first, again);
        Assert.Single(await b.GetTicketsAsync());
    }

    /// <summary>
    /// A001 is issued in queue a at 16:00, then B001 and B002 in queue b a minute apart; A001
    /// then moves to b. Returns the moved ticket and b's waiting tickets before the move.
    /// </summary>
    internal static async Task<(Ticket Moved, IReadOnlyList<Ticket> WaitingBefore)> TransferIntoABusyQueueAsync(HallHost host, Im.Testing.ManualTimeProvider clock)
    {
        var hall = host.Hall(HallId);
        await hall.CreateAsync(Admin, new Halls.HallSetup("Central hall"));
        await hall.PutQueueAsync(new Halls.QueueSetup("a", "Pensions", "A"));
        await hall.PutQueueAsync(new Halls.QueueSetup("b", "Benefits", "B"));
        await hall.PutWindowAsync(new Halls.WindowSetup("w2", "Window 2", ["b"]));
        var day = Halls.HallTime.DayOf(await hall.GetAsync(), clock.GetUtcNow());
        var ticket = await host.QueueDay(HallId, "a", day).IssueAsync(new IssueRequest("ann"));
        clock.Advance(TimeSpan.FromMinutes(1));
        await host.QueueDay(HallId, "b", day).IssueAsync(new IssueRequest("bob"));
        clock.Advance(TimeSpan.FromMinutes(1));
        await host.QueueDay(HallId, "b", day).IssueAsync(new IssueRequest(null));
        var waiting = await host.QueueDay(HallId, "b", day).GetTicketsAsync();
        var moved = await host.QueueDay(HallId, "a", day).TransferAsync(ticket.TicketId, "b");
        Assert.Equal(TicketStatus.Transferred, (await host.QueueDay(HallId, "a", day).GetTicketAsync(ticket.TicketId)).Status);
        return (moved, waiting);
    }
}
