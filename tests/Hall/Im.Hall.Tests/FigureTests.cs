using System.Globalization;
using Im.Hall.Statistics;
using Im.Hall.Tickets;

namespace Im.Hall.Tests;

/// <summary>The pure parts of the statistics, checked against numbers worked out by hand.</summary>
public sealed class FigureTests
{
    private static readonly DateTimeOffset T = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TheNinetiethPercentileIsTheNearestRankValue()
    {
        List<TimeSpan> ten = [.. Enumerable.Range(1, 10).Reverse().Select(m => TimeSpan.FromMinutes(m))];
        List<TimeSpan> eleven = [.. ten, TimeSpan.FromMinutes(11)];

        Assert.Equal(TimeSpan.FromMinutes(9), Durations.Percentile(ten, 90));
        Assert.Equal(TimeSpan.FromMinutes(10), Durations.Percentile(eleven, 90));
        Assert.Equal(TimeSpan.FromMinutes(7), Durations.Percentile([TimeSpan.FromMinutes(7)], 90));
        Assert.Equal(TimeSpan.FromMinutes(5.5), Durations.Average(ten));
        Assert.Null(Durations.Percentile([], 90));
        Assert.Null(Durations.Average([]));
    }

    [Fact]
    public void WaitingRunsFromThePlaceToTheFirstCallAndServiceFromTheFirstCallToTheCloseOfAServedTicket()
    {
        var served = Ticket("1", TicketStatus.Served, placeAt: T, calledAt: T.AddMinutes(4), closedAt: T.AddMinutes(9)) with { CallCount = 3 };
        var skipped = Ticket("2", TicketStatus.Skipped, placeAt: T, calledAt: T.AddMinutes(2), closedAt: T.AddMinutes(3));
        var waiting = Ticket("3", TicketStatus.Waiting, placeAt: T, calledAt: null, closedAt: null);
        var movedToTheBack = Ticket("4", TicketStatus.Served, placeAt: T.AddMinutes(10), calledAt: T.AddMinutes(11), closedAt: T.AddMinutes(12)) with { TransferredFrom = "20260105-b-1" };

        var row = TicketFigures.ForQueue("a", [served, skipped, waiting, movedToTheBack]);

        Assert.Equal((TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5)), (TicketFigures.Waited(served), TicketFigures.Served(served)));
        Assert.Null(TicketFigures.Served(skipped));
        Assert.Null(TicketFigures.Waited(waiting));
        Assert.Equal((3, 3, 2, 1), (row.Issued, row.Called, row.Served, row.Skipped));
        Assert.Equal(TimeSpan.FromMinutes(7.0 / 3), row.WaitAverage);
        Assert.Equal(TimeSpan.FromMinutes(3), row.ServiceAverage);
    }

    [Fact]
    public void CsvFieldsWithCommasQuotesOrLineBreaksAreQuotedWithTheirQuotesDoubled()
    {
        Assert.Equal("plain", HallStatisticsCsv.Field("plain"));
        Assert.Equal("\"a,b\"", HallStatisticsCsv.Field("a,b"));
        Assert.Equal("\"say \"\"hi\"\"\"", HallStatisticsCsv.Field("say \"hi\""));
        Assert.Equal("\"two\r\nlines\"", HallStatisticsCsv.Field("two\r\nlines"));
        Assert.Equal("\"cr\rlf\n\"", HallStatisticsCsv.Field("cr\rlf\n"));
        Assert.Equal("", HallStatisticsCsv.Field(null));
    }

    [Fact]
    public void ACsvRowCarriesFractionalSecondsInTheInvariantCulture()
    {
        var row = new HallStatisticsRow("queue", "x,y", 1, 1, 1, 0, 0, TimeSpan.FromMilliseconds(1500.25), TimeSpan.FromSeconds(2), null, null, 1, 0, 0);
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            var lines = HallStatisticsCsv.Write([row]).Split("\r\n");

            Assert.Equal("queue,\"x,y\",1,1,1,0,0,1.5,2,,,1,0,0", lines[1]);
            Assert.Equal(("", 3), (lines[2], lines.Length));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    private static Ticket Ticket(string serial, TicketStatus status, DateTimeOffset placeAt, DateTimeOffset? calledAt, DateTimeOffset? closedAt) =>
        new($"20260105-a-{serial}", $"A00{serial}", "h1", "a", null, null, false, status, 0, placeAt, placeAt, "w1", calledAt, calledAt is null ? 0 : 1, closedAt);
}
