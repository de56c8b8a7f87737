using Im.Hall.Halls;
using Im.Hall.Notices;
using Im.Hall.Tests.Support;
using Im.Hall.Windows;

namespace Im.Hall.Tests;

public sealed class PauseAlertTests : HallTestBase
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } =
        new Dictionary<string, string?> { ["Hall:PauseAlertAfter"] = "00:10:00" };

    [Fact]
    public async Task APausedWindowAlertsTheSupervisorsAfterTheConfiguredTimeAndNotBefore()
    {
        await CreateHallAsync();
        await Host.Hall(HallId).SetPeopleAsync(new HallPeople([Admin], [], [Supervisor, "sup-2"]));
        var pausedAt = Clock.GetUtcNow();
        var paused = await Host.Window(HallId, "w1").PauseAsync();

        Clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        var armed = Assert.Single(await Host.Reminders.ReadForGrainAsync(Stored.WindowType, "h1/w1", CancellationToken.None));
        Assert.Equal(pausedAt + TimeSpan.FromMinutes(10), armed.DueAt);
        Assert.Empty(await Host.InboxOfAsync(Supervisor));

        Clock.Advance(TimeSpan.FromSeconds(1));
        await Host.Edge.WaitAsync(e => e.NotificationsOf(Supervisor).Count > 0 && e.NotificationsOf("sup-2").Count > 0).DefaultTimeout();

        Assert.Equal(WindowStatus.Paused, paused.Status);
        var alert = Assert.Single(await Host.InboxOfAsync(Supervisor));
        Assert.Equal((HallNotices.WindowPaused, "w1"), (alert.Kind, alert.Data["windowId"]));
        Assert.Equal(alert.Id, Assert.Single(await Host.InboxOfAsync("sup-2")).Id);
    }

    [Fact]
    public async Task AWindowResumedInTimeRaisesNoAlertAndDisarmsItsReminder()
    {
        await CreateHallAsync();
        var window = Host.Window(HallId, "w1");
        await window.PauseAsync();
        Clock.Advance(TimeSpan.FromMinutes(5));

        var resumed = await window.ResumeAsync();
        Clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(WindowStatus.Idle, resumed.Status);
        Assert.Empty(await Host.Reminders.ReadForGrainAsync(Stored.WindowType, "h1/w1", CancellationToken.None));
        Assert.Empty(await Host.InboxOfAsync(Supervisor));
    }

    [Fact]
    public async Task PausingAServingWindowFinishesItsTicketFirst()
    {
        await CreateHallAsync();
        var queue = Host.QueueDay(HallId, "a", await TodayAsync());
        var ticket = await queue.IssueAsync(new Tickets.IssueRequest("ann"));
        await Host.Window(HallId, "w1").CallNextAsync();

        var paused = await Host.Window(HallId, "w1").PauseAsync();

        Assert.Equal((WindowStatus.Paused, null), (paused.Status, paused.CurrentTicketId));
        Assert.Equal(Tickets.TicketStatus.Served, (await queue.GetTicketAsync(ticket.TicketId)).Status);
        Assert.Equal(WindowStatus.Paused, (await Host.Hall(HallId).GetViewAsync()).Windows.Single(w => w.WindowId == "w1").Status);
    }
}
