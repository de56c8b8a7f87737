using Im.Hall.Halls;
using Im.Hall.Tests.Support;
using Im.Hall.Tickets;
using Im.Hall.Windows;

namespace Im.Hall.Tests;

public sealed class WindowTests : HallTestBase
{
    [Fact]
    public async Task AWindowCallsItsQueuesInTheOrderConfiguredUnlessToldWhichQueue()
    {
        await CreateHallAsync();
        await Host.Hall(HallId).PutWindowAsync(new WindowSetup("w3", "Window 3", ["b", "a"]));
        var day = await TodayAsync();
        var a1 = await Host.QueueDay(HallId, "a", day).IssueAsync(new IssueRequest(null));
        Clock.Advance(TimeSpan.FromMinutes(1));
        var b1 = await Host.QueueDay(HallId, "b", day).IssueAsync(new IssueRequest(null));
        var b2 = await Host.QueueDay(HallId, "b", day).IssueAsync(new IssueRequest(null));
        var window = Host.Window(HallId, "w3");

        var first = await window.CallNextAsync();
        var chosen = await window.CallNextAsync("a");
        var last = await window.CallNextAsync();

        Assert.Equal([b1.TicketId, a1.TicketId, b2.TicketId], [first.TicketId, chosen.TicketId, last.TicketId]);
    }

    [Fact]
    public async Task CallingNextClosesTheCurrentTicketAsServedAndFinishingFreesTheWindow()
    {
        await CreateHallAsync();
        var queue = Host.QueueDay(HallId, "a", await TodayAsync());
        var first = await queue.IssueAsync(new IssueRequest("ann"));
        var second = await queue.IssueAsync(new IssueRequest("bob"));
        var window = Host.Window(HallId, "w1");

        await window.CallNextAsync();
        Clock.Advance(TimeSpan.FromMinutes(3));
        await window.CallNextAsync();
        var serving = await window.GetAsync();
        var free = await window.FinishAsync();

        Assert.Equal((TicketStatus.Served, Clock.GetUtcNow()), ((await queue.GetTicketAsync(first.TicketId)).Status, (await queue.GetTicketAsync(first.TicketId)).ClosedAt));
        Assert.Equal((WindowStatus.Serving, "A002", second.TicketId), (serving.Status, serving.CurrentTicket, serving.CurrentTicketId));
        Assert.Equal((WindowStatus.Idle, null), (free.Status, free.CurrentTicket));
        Assert.Equal(TicketStatus.Served, (await queue.GetTicketAsync(second.TicketId)).Status);
    }
}
