using Im.Actors.Storage;
using Im.Hall.Errors;
using Im.Hall.Halls;
using Im.Hall.Queues;
using Im.Hall.Tests.Support;
using Im.Hall.Tickets;

namespace Im.Hall.Tests;

/// <summary>
/// Tickets live as rows of the ticket store: two activations of one queue day cannot hand
/// out a number twice, and the day's counters come back from the rows after a restart.
/// </summary>
public sealed class TicketStorageTests(HallSchemaFixture postgres) : IClassFixture<HallSchemaFixture>
{
    public static TheoryData<string> Providers => ["Sqlite", "Postgres"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TwoRuntimesIssuingOnOneQueueDayNeverHandOutANumberTwice(string provider)
    {
        await using var store = await StoreAsync(provider);
        var clock = new ManualTimeProvider();
        var hallId = $"h-{Guid.NewGuid():N}";
        await using var first = await HallHost.StartAsync(store, clock);
        await using var second = await HallHost.StartAsync(store, clock);
        var hall = await CreateHallAsync(first, hallId);
        var inFirst = first.Factory.QueueToday(hall, "a", clock);
        var inSecond = second.Factory.QueueToday(hall, "a", clock);
        // Both activations load the empty day before either issues: a split.
        Assert.Equal(0, (await inFirst.GetStatsAsync()).Issued);
        Assert.Equal(0, (await inSecond.GetStatsAsync()).Issued);

        var won = await inFirst.IssueAsync(new IssueRequest("ann")).DefaultTimeout();
        await Assert.ThrowsAsync<InconsistentStateException>(() => inSecond.IssueAsync(new IssueRequest("bob")).DefaultTimeout());

        // The loser was discarded; its retry runs on a fresh activation that sees the winner's ticket.
        var retried = await inSecond.IssueAsync(new IssueRequest("bob")).DefaultTimeout();
        Assert.Equal(("A001", "A002", 1), (won.TicketNumber, retried.TicketNumber, retried.Position));
        var rows = await first.TicketStore.LoadAsync(QueueDayKeyOf(hall, "a", clock), CancellationToken.None);
        Assert.Equal(["A001", "A002"], rows.Select(r => r.Ticket.TicketNumber).Order());
        Assert.Equal(["ann", "bob"], rows.Select(r => r.Ticket.MemberId).Order());

        // Now the first is the stale one: calling the ticket the second already called loses too.
        Assert.Equal("A001", (await inSecond.TakeNextAsync("w1", appointmentsOnly: false))!.TicketNumber);
        await Assert.ThrowsAsync<InconsistentStateException>(() => inFirst.TakeNextAsync("w9", appointmentsOnly: false).DefaultTimeout());
        Assert.Equal("A002", (await inFirst.TakeNextAsync("w9", appointmentsOnly: false))!.TicketNumber);
        Assert.Equal("w1", (await inFirst.GetTicketAsync(won.TicketId)).WindowId);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task NumbersSerialsAndQuotaComeBackFromTheRowsAfterARestart(string provider)
    {
        await using var store = await StoreAsync(provider);
        var clock = new ManualTimeProvider();
        var hallId = $"h-{Guid.NewGuid():N}";
        string checkedIn;
        string appointmentId;
        HallInfo hall;
        await using (var before = await HallHost.StartAsync(store, clock))
        {
            hall = await CreateHallAsync(before, hallId, quota: 3);
            var queue = before.Factory.QueueToday(hall, "a", clock);
            await queue.IssueAsync(new IssueRequest("ann"));
            var now = clock.GetUtcNow();
            appointmentId = (await queue.BookAsync(new AppointmentRequest("cat", now, now.AddMinutes(30)))).AppointmentId;
            checkedIn = (await queue.IssueAsync(new IssueRequest("cat", appointmentId))).TicketId;
            var fromB = await before.Factory.QueueToday(hall, "b", clock).IssueAsync(new IssueRequest("dan"));
            await before.Factory.QueueToday(hall, "b", clock).TransferAsync(fromB.TicketId, "a");
        }

        await using var after = await HallHost.StartAsync(store, clock);
        var today = after.Factory.QueueToday(hall, "a", clock);
        var next = await today.IssueAsync(new IssueRequest("eve"));

        // A001 walk-in, A002 checked in, B001 transferred in (serial 3, no number of ours): eve is A003, serial 4.
        Assert.Equal(("A003", "4"), (next.TicketNumber, next.TicketId[(next.TicketId.LastIndexOf('-') + 1)..]));
        Assert.Equal(checkedIn, (await today.GetAppointmentAsync(appointmentId)).TicketId);
        Assert.Equal((3, 0), ((await today.GetStatsAsync()).Issued, (await today.GetStatsAsync()).QuotaLeft));
        await Refusal.ExpectAsync(HallErrorCodes.QuotaExhausted, () => today.IssueAsync(new IssueRequest("fay")));

        // Checking in again answers the first check-in's ticket: the row says the appointment has it.
        Assert.Equal(checkedIn, (await today.IssueAsync(new IssueRequest("cat", appointmentId))).TicketId);
    }

    private static string QueueDayKeyOf(HallInfo hall, string queueId, TimeProvider clock) =>
        new QueueDayKey(hall.HallId, queueId, HallTime.DayOf(hall, clock.GetUtcNow())).ToString();

    private async Task<HallStore> StoreAsync(string provider) =>
        provider == "Sqlite" ? HallStore.Sqlite() : HallStore.Postgres(await postgres.ConnectionStringAsync());

    private static async Task<HallInfo> CreateHallAsync(HallHost host, string hallId, int? quota = null)
    {
        var hall = host.Hall(hallId);
        await hall.CreateAsync("admin-1", new HallSetup("Central hall"));
        await hall.PutQueueAsync(new QueueSetup("a", "Pensions", "A", DailyQuota: quota));
        await hall.PutQueueAsync(new QueueSetup("b", "Benefits", "B"));
        await hall.PutWindowAsync(new WindowSetup("w1", "Window 1", ["a"]));
        return await hall.SetPeopleAsync(new HallPeople(["admin-1"], [], ["sup-1"]));
    }
}
