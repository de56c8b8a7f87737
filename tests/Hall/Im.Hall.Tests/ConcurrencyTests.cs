using System.Collections.Concurrent;
using Im.Domain.Errors;
using Im.Hall.Errors;
using Im.Hall.Halls;
using Im.Hall.Tests.Support;
using Im.Hall.Tickets;

namespace Im.Hall.Tests;

public sealed class ConcurrencyTests : HallTestBase
{
    private const int Windows = 20;
    private const int Tickets = 1_000;

    [Fact]
    public async Task TwentyWindowsCallingAtOnceCallEachOfAThousandTicketsExactlyOnce()
    {
        await CreateHallAsync();
        var hall = Host.Hall(HallId);
        var windowIds = Enumerable.Range(1, Windows).Select(i => $"c{i}").ToList();
        foreach (var windowId in windowIds)
        {
            await hall.PutWindowAsync(new WindowSetup(windowId, $"Counter {windowId}", ["a"]));
        }

        var queue = Host.QueueDay(HallId, "a", await TodayAsync());
        var issued = new List<Ticket>(Tickets);
        for (var i = 0; i < Tickets; i++)
        {
            issued.Add(await queue.IssueAsync(new IssueRequest(null)));
        }

        var calls = new ConcurrentBag<HallCall>();
        await Task.WhenAll(windowIds.Select(id => Task.Run(async () =>
        {
            var window = Host.Window(HallId, id);
            while (true)
            {
                try
                {
                    calls.Add(await window.CallNextAsync());
                }
                catch (DomainException refusal) when (refusal.Code == HallErrorCodes.QueueEmpty)
                {
                    await window.FinishAsync();
                    return;
                }
            }
        }, TestContext.Current.CancellationToken))).WaitAsync(TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);

        Assert.Equal(issued.Select(t => t.TicketNumber), Enumerable.Range(1, Tickets).Select(n => $"A{n:000}"));
        Assert.Equal(Tickets, calls.Count);
        Assert.Equal(issued.Select(t => t.TicketId).Order(), calls.Select(c => c.TicketId).Order());
        var tickets = await queue.GetTicketsAsync();
        Assert.All(tickets, t => Assert.Equal((TicketStatus.Served, 1), (t.Status, t.CallCount)));
        Assert.All(tickets, t => Assert.Equal(calls.Single(c => c.TicketId == t.TicketId).WindowId, t.WindowId));
        Assert.True(calls.Select(c => c.WindowId).Distinct().Count() > 1, "the calls were spread over the windows");
        await Refusal.ExpectAsync(HallErrorCodes.QueueEmpty, () => Host.Window(HallId, "c1").CallNextAsync());
        Assert.Equal(0, (await queue.GetStatsAsync()).Waiting);
        Assert.Equal(Tickets, Host.Edge.Calls.Count);
    }
}
