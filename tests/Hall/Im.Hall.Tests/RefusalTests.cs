using Im.Hall.Errors;
using Im.Hall.Halls;
using Im.Hall.Tests.Support;
using Im.Hall.Tickets;

namespace Im.Hall.Tests;

/// <summary>Each refusal answers its code and leaves storage and screens exactly as they were.</summary>
public sealed class RefusalTests : HallTestBase
{
    [Fact]
    public async Task ATicketBeyondTheDailyQuotaIsRefusedAndChangesNothing()
    {
        await CreateHallAsync(a: new QueueSetup("a", "Pensions", "A", DailyQuota: 2));
        var day = await TodayAsync();
        var queue = Host.QueueDay(HallId, "a", day);
        await queue.IssueAsync(new IssueRequest("ann"));
        await queue.IssueAsync(new IssueRequest(null));
        var before = await Stored.SnapshotAsync(Host, Stored.QueueDay(HallId, "a", day), Stored.Hall(HallId));

        await Refusal.ExpectAsync(HallErrorCodes.QuotaExhausted, () => queue.IssueAsync(new IssueRequest("bob")));
        await Refusal.ExpectAsync(HallErrorCodes.QuotaExhausted, () => queue.BookAsync(new AppointmentRequest("cat", Clock.GetUtcNow().AddMinutes(10), Clock.GetUtcNow().AddMinutes(20))));

        Assert.Equal(before, await Stored.SnapshotAsync(Host, Stored.QueueDay(HallId, "a", day), Stored.Hall(HallId)));
        Assert.Equal((2, 2, 0), ((await queue.GetStatsAsync()).Waiting, (await queue.GetStatsAsync()).Issued, (await queue.GetStatsAsync()).QuotaLeft));
    }

    [Fact]
    public async Task ATicketOutsideOpeningHoursInTheHallsTimeZoneIsRefusedAndChangesNothing()
    {
        // 08:00 UTC is 16:00 in Shanghai: after the morning period, before the evening one.
        await CreateHallAsync(a: new QueueSetup("a", "Pensions", "A", OpeningHours: [new("09:00", "12:00"), new("17:00", "19:30")]));
        var day = await TodayAsync();
        var queue = Host.QueueDay(HallId, "a", day);
        var before = await Stored.SnapshotAsync(Host, Stored.QueueDay(HallId, "a", day), Stored.Hall(HallId));

        await Refusal.ExpectAsync(HallErrorCodes.QueueClosed, () => queue.IssueAsync(new IssueRequest("ann")));

        Assert.Equal(before, await Stored.SnapshotAsync(Host, Stored.QueueDay(HallId, "a", day), Stored.Hall(HallId)));
        Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal("A001", (await queue.IssueAsync(new IssueRequest("ann"))).TicketNumber);
        Clock.Advance(TimeSpan.FromHours(2.5));
        await Refusal.ExpectAsync(HallErrorCodes.QueueClosed, () => queue.IssueAsync(new IssueRequest("bob")));
    }

    [Fact]
    public async Task ASecondOpenTicketForTheSameMemberIsRefusedAndChangesNothing()
    {
        await CreateHallAsync();
        var day = await TodayAsync();
        var queue = Host.QueueDay(HallId, "a", day);
        var first = await queue.IssueAsync(new IssueRequest("ann"));
        var before = await Stored.SnapshotAsync(Host, Stored.QueueDay(HallId, "a", day));

        await Refusal.ExpectAsync(HallErrorCodes.DuplicateTicket, () => queue.IssueAsync(new IssueRequest("ann")));

        Assert.Equal(before, await Stored.SnapshotAsync(Host, Stored.QueueDay(HallId, "a", day)));
        Assert.Equal("B001", (await Host.QueueDay(HallId, "b", day).IssueAsync(new IssueRequest("ann"))).TicketNumber);
        await Host.Window(HallId, "w1").CallNextAsync();
        await Host.Window(HallId, "w1").FinishAsync();
        Assert.Equal(TicketStatus.Served, (await queue.GetTicketAsync(first.TicketId)).Status);
        Assert.Equal("A002", (await queue.IssueAsync(new IssueRequest("ann"))).TicketNumber);
    }

    [Fact]
    public async Task AWindowCallingAQueueItIsNotBoundToIsRefusedAndChangesNothing()
    {
        await CreateHallAsync();
        var day = await TodayAsync();
        await Host.QueueDay(HallId, "a", day).IssueAsync(new IssueRequest("ann"));
        await Host.QueueDay(HallId, "b", day).IssueAsync(new IssueRequest("bob"));
        var window = Host.Window(HallId, "w1");
        await window.CallNextAsync();
        var grains = new[] { Stored.Window(HallId, "w1"), Stored.QueueDay(HallId, "a", day), Stored.QueueDay(HallId, "b", day), Stored.Hall(HallId) };
        var before = await Stored.SnapshotAsync(Host, grains);

        await Refusal.ExpectAsync(HallErrorCodes.NotBound, () => window.CallNextAsync("b"));

        Assert.Equal(before, await Stored.SnapshotAsync(Host, grains));
        Assert.Equal("A001", (await window.GetAsync()).CurrentTicket);
    }

    [Fact]
    public async Task CallingAnEmptyQueueIsRefusedAndTheWindowKeepsItsTicket()
    {
        await CreateHallAsync();
        var day = await TodayAsync();
        await Host.QueueDay(HallId, "a", day).IssueAsync(new IssueRequest("ann"));
        var window = Host.Window(HallId, "w1");
        await window.CallNextAsync();
        var grains = new[] { Stored.Window(HallId, "w1"), Stored.QueueDay(HallId, "a", day), Stored.Hall(HallId) };
        var before = await Stored.SnapshotAsync(Host, grains);

        await Refusal.ExpectAsync(HallErrorCodes.QueueEmpty, () => window.CallNextAsync());

        Assert.Equal(before, await Stored.SnapshotAsync(Host, grains));
    }

    [Fact]
    public async Task APausedWindowRefusesToCallAndAFreeWindowHasNothingToRecallSkipOrFinish()
    {
        await CreateHallAsync();
        await Host.QueueDay(HallId, "a", await TodayAsync()).IssueAsync(new IssueRequest("ann"));
        var window = Host.Window(HallId, "w1");

        await Refusal.ExpectAsync(HallErrorCodes.NoCurrentTicket, () => window.RecallAsync());
        await Refusal.ExpectAsync(HallErrorCodes.NoCurrentTicket, () => window.SkipAsync());
        await Refusal.ExpectAsync(HallErrorCodes.NoCurrentTicket, () => window.FinishAsync());
        await window.PauseAsync();
        await Refusal.ExpectAsync(HallErrorCodes.WindowPaused, () => window.CallNextAsync());
        await window.ResumeAsync();

        Assert.Equal("A001", (await window.CallNextAsync()).TicketNumber);
    }
}
