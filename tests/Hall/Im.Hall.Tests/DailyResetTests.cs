using Im.Hall.Errors;
using Im.Hall.Tests.Support;
using Im.Hall.Tickets;

namespace Im.Hall.Tests;

public sealed class DailyResetTests : HallTestBase
{
    [Fact]
    public async Task NumbersStartAgainAtA001WhenTheHallsDayChangesInItsTimeZone()
    {
        await CreateHallAsync();
        var today = await TodayAsync();
        var yesterdays = Host.QueueDay(HallId, "a", today);
        await yesterdays.IssueAsync(new IssueRequest("ann"));
        var left = await yesterdays.IssueAsync(new IssueRequest("bob"));

        // 16:00 UTC is midnight in Shanghai: the server's UTC day has not changed, the hall's has.
        Clock.Advance(TimeSpan.FromHours(8));
        var tomorrow = await TodayAsync();
        var fresh = await Host.QueueDay(HallId, "a", tomorrow).IssueAsync(new IssueRequest("bob"));
        var call = await Host.Window(HallId, "w1").CallNextAsync();

        Assert.Equal((today.AddDays(1), new DateOnly(2026, 1, 5)), (tomorrow, DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime)));
        Assert.Equal(("A001", $"{tomorrow:yyyyMMdd}-a-1"), (fresh.TicketNumber, fresh.TicketId));
        Assert.Equal(fresh.TicketId, call.TicketId);
        Assert.Equal(TicketStatus.Waiting, (await yesterdays.GetTicketAsync(left.TicketId)).Status);
        await Refusal.ExpectAsync(HallErrorCodes.QueueClosed, () => yesterdays.IssueAsync(new IssueRequest("cat")));
    }
}
