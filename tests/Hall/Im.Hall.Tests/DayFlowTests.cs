using Im.Domain.Errors;
using Im.Hall.Errors;
using Im.Hall.Notices;
using Im.Hall.Tickets;
using Im.Hall.Tests.Support;
using Im.Hall.Windows;

namespace Im.Hall.Tests;

public sealed class DayFlowTests : HallTestBase
{
    [Fact]
    public async Task AHallIssuesCallsAndFinishesATicket()
    {
        await CreateHallAsync();
        var day = await TodayAsync();

        var ticket = await Host.QueueDay(HallId, "a", day).IssueAsync(new IssueRequest(null));
        var call = await Host.Window(HallId, "w1").CallNextAsync();
        var status = await Host.Window(HallId, "w1").FinishAsync();

        Assert.Equal("A001", ticket.TicketNumber);
        Assert.Equal((ticket.TicketId, "A001", "a", "w1", 1), (call.TicketId, call.TicketNumber, call.QueueId, call.WindowId, call.CallCount));
        Assert.Equal(WindowStatus.Idle, status.Status);
        Assert.Equal(TicketStatus.Served, (await Host.QueueDay(HallId, "a", day).GetTicketAsync(ticket.TicketId)).Status);
        var view = await Host.Hall(HallId).GetViewAsync();
        Assert.Equal(call, Assert.Single(view.RecentCalls));
        Assert.Equal(WindowStatus.Idle, view.Windows.Single(w => w.WindowId == "w1").Status);
    }

    [Fact]
    public async Task ADayOfIssueCallRecallSkipTransferFinishAndRateRaisesTheRightEventsAndNotices()
    {
        await CreateHallAsync();
        var day = await TodayAsync();
        var (a, b) = (Host.QueueDay(HallId, "a", day), Host.QueueDay(HallId, "b", day));
        var (w1, w2) = (Host.Window(HallId, "w1"), Host.Window(HallId, "w2"));

        var t1 = await a.IssueAsync(new IssueRequest("ann"));
        var t2 = await a.IssueAsync(new IssueRequest("bob"));
        var t3 = await a.IssueAsync(new IssueRequest("cat"));
        Assert.Equal(["A001", "A002", "A003"], [t1.TicketNumber, t2.TicketNumber, t3.TicketNumber]);
        Assert.Equal([0, 1, 2], [t1.Position, t2.Position, t3.Position]);
        Assert.Equal([1, 2, 3], Host.Edge.Stats.Where(s => s.QueueId == "a").Select(s => s.Waiting));

        var first = await w1.CallNextAsync();
        var again = await w1.RecallAsync();
        await w1.SkipAsync();
        var second = await w1.CallNextAsync();
        var moved = await a.TransferAsync(t2.TicketId, "b");
        await Host.Edge.WaitAsync(e => e.Statuses.LastOrDefault(s => s.WindowId == "w1")?.Status == WindowStatus.Idle).DefaultTimeout();
        var third = await w2.CallNextAsync();
        await w2.FinishAsync();
        await b.RateAsync(moved.TicketId, "bob", RatingScore.Unsatisfied, "waited, then sent elsewhere");
        var fourth = await w1.CallNextAsync();
        await w1.FinishAsync();
        await a.RateAsync(t3.TicketId, "cat", RatingScore.VerySatisfied, null);

        Assert.Equal(2, again.CallCount);
        Assert.Equal(("A002", "b", TicketStatus.Waiting, t2.TicketId), (moved.TicketNumber, moved.QueueId, moved.Status, moved.TransferredFrom));
        Assert.Equal(
            [("A001", "w1"), ("A002", "w1"), ("A002", "w2"), ("A003", "w1")],
            Host.Edge.Calls.Select(c => (c.TicketNumber, c.WindowId)));
        Assert.Equal([first with { CalledAt = again.CalledAt, CallCount = 2 }], Host.Edge.Recalls);
        Assert.Equal([third.TicketId, fourth.TicketId], [moved.TicketId, t3.TicketId]);
        Assert.Equal(second.TicketId, t2.TicketId);
        Assert.Equal(
            [(WindowStatus.Serving, "A001"), (WindowStatus.Idle, null), (WindowStatus.Serving, "A002"), (WindowStatus.Idle, null), (WindowStatus.Serving, "A003"), (WindowStatus.Idle, null)],
            Host.Edge.Statuses.Where(s => s.WindowId == "w1").Select(s => (s.Status, s.CurrentTicket)));
        Assert.Equal(0, Host.Edge.Stats.Last(s => s.QueueId == "a").Waiting);
        Assert.Equal((0, 0), (Host.Edge.Stats.Last(s => s.QueueId == "b").Waiting, Host.Edge.Stats.Last(s => s.QueueId == "b").Issued));

        Assert.Equal(
            [$"hall.get_ready:{t1.TicketId}", $"hall.called:{t1.TicketId}:1", $"hall.called:{t1.TicketId}:2"],
            (await Host.InboxOfAsync("ann")).Select(n => n.Id));
        Assert.Equal(
            [$"hall.get_ready:{t2.TicketId}", $"hall.called:{t2.TicketId}:1", $"hall.get_ready:{moved.TicketId}", $"hall.called:{moved.TicketId}:1"],
            (await Host.InboxOfAsync("bob")).Select(n => n.Id));
        Assert.Equal(
            [$"hall.get_ready:{t3.TicketId}", $"hall.called:{t3.TicketId}:1"],
            (await Host.InboxOfAsync("cat")).Select(n => n.Id));
        var alert = Assert.Single(await Host.InboxOfAsync(Supervisor));
        Assert.Equal((HallNotices.RatingUnsatisfiedKind, moved.TicketId, "w2"), (alert.Kind, alert.Data["ticketId"], alert.Data["windowId"]));
        Assert.Equal(Host.Edge.NotificationsOf("ann").Select(n => n.Id), (await Host.InboxOfAsync("ann")).Select(n => n.Id));

        var closed = await a.GetTicketsAsync();
        Assert.Equal([TicketStatus.Skipped, TicketStatus.Transferred, TicketStatus.Served], closed.Select(t => t.Status));
        Assert.Equal(RatingScore.VerySatisfied, closed[2].Rating?.Score);
    }

    [Fact]
    public async Task ARatingIsTakenOnceFromTheTicketsMemberOnAServedTicketOnly()
    {
        await CreateHallAsync();
        var a = Host.QueueDay(HallId, "a", await TodayAsync());
        var served = await a.IssueAsync(new IssueRequest("ann"));
        var skipped = await a.IssueAsync(new IssueRequest("bob"));
        await Host.Window(HallId, "w1").CallNextAsync();
        await Host.Window(HallId, "w1").CallNextAsync();
        await Host.Window(HallId, "w1").SkipAsync();

        await Refusal.ExpectAsync(ErrorCodes.Forbidden, () => a.RateAsync(served.TicketId, "bob", RatingScore.Satisfied, null));
        await Refusal.ExpectAsync(HallErrorCodes.TicketState, () => a.RateAsync(skipped.TicketId, "bob", RatingScore.Satisfied, null));
        await a.RateAsync(served.TicketId, "ann", RatingScore.Satisfied, "quick");
        await Refusal.ExpectAsync(HallErrorCodes.TicketState, () => a.RateAsync(served.TicketId, "ann", RatingScore.Unsatisfied, null));

        Assert.Equal(RatingScore.Satisfied, (await a.GetTicketAsync(served.TicketId)).Rating?.Score);
        Assert.Empty(await Host.InboxOfAsync(Supervisor));
    }
}
