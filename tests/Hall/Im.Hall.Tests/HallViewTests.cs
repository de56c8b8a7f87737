using Im.Hall.Tests.Support;
using Im.Hall.Tickets;
using Im.Hall.Windows;

namespace Im.Hall.Tests;

public sealed class HallViewTests : HallTestBase
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } =
        new Dictionary<string, string?> { ["Hall:RecentCalls"] = "2" };

    [Fact]
    public async Task TheViewKeepsTheNewestCallsOncePerTicketAndEveryWindowsStatus()
    {
        await CreateHallAsync();
        var queue = Host.QueueDay(HallId, "a", await TodayAsync());
        for (var i = 0; i < 3; i++)
        {
            await queue.IssueAsync(new IssueRequest(null));
        }

        var window = Host.Window(HallId, "w1");
        await window.CallNextAsync();
        await window.CallNextAsync();
        await window.CallNextAsync();
        var recall = await window.RecallAsync();
        var second = (await queue.GetTicketsAsync())[1];

        var view = await Host.Hall(HallId).GetViewAsync();

        Assert.Equal([("A003", 2), ("A002", 1)], view.RecentCalls.Select(c => (c.TicketNumber, c.CallCount)));
        Assert.Equal(recall, view.RecentCalls[0]);
        Assert.Equal(second.TicketId, view.RecentCalls[1].TicketId);
        Assert.Equal(
            [("w1", WindowStatus.Serving, "A003"), ("w2", WindowStatus.Idle, null)],
            view.Windows.Select(w => (w.WindowId, w.Status, w.CurrentTicket)));
    }

    [Fact]
    public async Task AViewSurvivesARestart()
    {
        await CreateHallAsync();
        var ticket = await Host.QueueDay(HallId, "a", await TodayAsync()).IssueAsync(new IssueRequest(null));
        var call = await Host.Window(HallId, "w1").CallNextAsync();
        await Host.Window(HallId, "w2").PauseAsync();

        await Host.DisposeAsync();
        Host = await HallHost.StartAsync(Store, Clock, Settings);
        var view = await Host.Hall(HallId).GetViewAsync();

        Assert.Equal(call, Assert.Single(view.RecentCalls));
        Assert.Equal([WindowStatus.Serving, WindowStatus.Paused], view.Windows.Select(w => w.Status));
        Assert.Equal("A001", (await Host.Window(HallId, "w1").GetAsync()).CurrentTicket);
        Assert.Equal(WindowStatus.Idle, (await Host.Window(HallId, "w1").FinishAsync()).Status);
        Assert.Equal(TicketStatus.Served, (await Host.QueueDay(HallId, "a", await TodayAsync()).GetTicketAsync(ticket.TicketId)).Status);
    }
}
