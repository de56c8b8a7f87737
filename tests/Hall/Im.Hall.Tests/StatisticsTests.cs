using Im.Hall.Statistics;
using Im.Hall.Tests.Support;
using Im.Hall.Tickets;

namespace Im.Hall.Tests;

public sealed class StatisticsTests : HallTestBase
{
    [Fact]
    public async Task ADaysFiguresComeFromTheTicketsKnownTimes()
    {
        var stats = await PlayADayAsync();

        var a = stats.Queues.Single(r => r.Id == "a");
        Assert.Equal(new HallStatisticsRow(
            StatisticsScope.Queue, "a", Issued: 3, Called: 3, Served: 2, Skipped: 1, Transferred: 0,
            WaitAverage: TimeSpan.FromMinutes(23.0 / 3), WaitP90: TimeSpan.FromMinutes(10),
            ServiceAverage: TimeSpan.FromMinutes(5), ServiceP90: TimeSpan.FromMinutes(6),
            VerySatisfied: 0, Satisfied: 1, Unsatisfied: 1), a);
        Assert.Equal(a with { Scope = StatisticsScope.Window, Id = "w1", Issued = null }, stats.Windows.Single(r => r.Id == "w1"));
        Assert.Equal(new HallStatisticsRow(
            StatisticsScope.Queue, "b", Issued: 1, Called: 1, Served: 0, Skipped: 0, Transferred: 1,
            TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(3), null, null, 0, 0, 0), stats.Queues.Single(r => r.Id == "b"));
        Assert.Equal(["a", "b"], stats.Queues.Select(r => r.Id));
        Assert.Equal(["w1", "w2"], stats.Windows.Select(r => r.Id));
    }

    [Fact]
    public async Task ADaysFiguresAreWrittenAsCsv()
    {
        var stats = await PlayADayAsync();

        var csv = HallStatisticsCsv.Write(stats.Rows);

        Assert.Equal(
            "scope,id,issued,called,served,skipped,transferred,wait_avg_s,wait_p90_s,service_avg_s,service_p90_s,very_satisfied,satisfied,unsatisfied\r\n"
            + "queue,a,3,3,2,1,0,460,600,300,360,0,1,1\r\n"
            + "queue,b,1,1,0,0,1,180,180,,,0,0,0\r\n"
            + "window,w1,,3,2,1,0,460,600,300,360,0,1,1\r\n"
            + "window,w2,,1,0,0,1,180,180,,,0,0,0\r\n",
            csv);
    }

    [Fact]
    public async Task ADayWithoutTicketsHasZeroCountsAndNoTimes()
    {
        await CreateHallAsync();

        var stats = await Host.Statistics.TodayAsync(HallId, Clock, TestContext.Current.CancellationToken);

        Assert.All(stats.Rows, r => Assert.Equal((0, null, null), (r.Called, r.WaitAverage, r.ServiceP90)));
        Assert.Equal(4, stats.Rows.Count());
    }

    /// <summary>
    /// Queue a: tickets issued at T, T+1m, T+2m; called at T+5m, T+9m, T+12m (waits 5, 8,
    /// 10 minutes); the first served 4 minutes, the second skipped, the third served 6
    /// minutes. Queue b: one ticket issued at T, called to w2 at T+3m, then transferred to a.
    /// </summary>
    private async Task<HallDayStatistics> PlayADayAsync()
    {
        await CreateHallAsync();
        var day = await TodayAsync();
        var (a, b) = (Host.QueueDay(HallId, "a", day), Host.QueueDay(HallId, "b", day));
        var (w1, w2) = (Host.Window(HallId, "w1"), Host.Window(HallId, "w2"));
        var ann = await a.IssueAsync(new IssueRequest("ann"));
        var dan = await b.IssueAsync(new IssueRequest("dan"));
        Clock.Advance(TimeSpan.FromMinutes(1));
        await a.IssueAsync(new IssueRequest("bob"));
        Clock.Advance(TimeSpan.FromMinutes(1));
        var cat = await a.IssueAsync(new IssueRequest("cat"));
        Clock.Advance(TimeSpan.FromMinutes(1));
        await w2.CallNextAsync();
        Clock.Advance(TimeSpan.FromMinutes(2));
        await w1.CallNextAsync();
        Clock.Advance(TimeSpan.FromMinutes(4));
        await w1.CallNextAsync();
        Clock.Advance(TimeSpan.FromMinutes(2));
        await w1.SkipAsync();
        Clock.Advance(TimeSpan.FromMinutes(1));
        await w1.CallNextAsync();
        Clock.Advance(TimeSpan.FromMinutes(6));
        await w1.FinishAsync();
        await b.TransferAsync(dan.TicketId, "a");
        await a.RateAsync(ann.TicketId, "ann", RatingScore.Satisfied, null);
        await a.RateAsync(cat.TicketId, "cat", RatingScore.Unsatisfied, "slow");
        return await Host.Statistics.ForDayAsync(HallId, day, TestContext.Current.CancellationToken);
    }
}
