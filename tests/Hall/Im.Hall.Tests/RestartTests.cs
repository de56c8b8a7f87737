using Im.Hall.Halls;
using Im.Hall.Notices;
using Im.Hall.Tests.Support;
using Im.Hall.Tickets;

namespace Im.Hall.Tests;

/// <summary>What a hall stores outlives the process that stored it, on every store.</summary>
public sealed class RestartTests(HallSchemaFixture postgres) : IClassFixture<HallSchemaFixture>
{
    public static TheoryData<string> Providers => ["Sqlite", "Postgres"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task APauseAlertArmedBeforeARestartFiresAfterIt(string provider)
    {
        await using var store = await StoreAsync(provider);
        var clock = new ManualTimeProvider();
        var hallId = $"h-{Guid.NewGuid():N}";
        var supervisor = $"sup-{Guid.NewGuid():N}";
        await using (var before = await HallHost.StartAsync(store, clock))
        {
            await CreateHallAsync(before, hallId, supervisor);
            await before.Window(hallId, "w1").PauseAsync();
        }

        await using var after = await HallHost.StartAsync(store, clock);
        Assert.Equal(0, after.Runtime.ActivationCount);
        clock.Advance(TimeSpan.FromMinutes(15));
        await after.Edge.WaitAsync(e => e.NotificationsOf(supervisor).Count > 0).DefaultTimeout();

        var alert = Assert.Single(await after.InboxOfAsync(supervisor));
        Assert.Equal((HallNotices.WindowPaused, hallId, "w1"), (alert.Kind, alert.Data["hallId"], alert.Data["windowId"]));
        Assert.Equal(Windows.WindowStatus.Paused, (await after.Window(hallId, "w1").GetAsync()).Status);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task NumbersAndTheCalledTicketContinueAfterARestart(string provider)
    {
        await using var store = await StoreAsync(provider);
        var clock = new ManualTimeProvider();
        var hallId = $"h-{Guid.NewGuid():N}";
        string called;
        await using (var before = await HallHost.StartAsync(store, clock))
        {
            var hall = await CreateHallAsync(before, hallId, "sup-1");
            var queue = before.Factory.QueueToday(hall, "a", clock);
            await queue.IssueAsync(new IssueRequest("ann"));
            await queue.IssueAsync(new IssueRequest("bob"));
            called = (await before.Window(hallId, "w1").CallNextAsync()).TicketId;
        }

        await using var after = await HallHost.StartAsync(store, clock);
        var today = after.Factory.QueueToday(await after.Hall(hallId).GetAsync(), "a", clock);
        var third = await today.IssueAsync(new IssueRequest("cat"));
        var next = await after.Window(hallId, "w1").CallNextAsync();

        Assert.Equal(("A003", 1), (third.TicketNumber, third.Position));
        Assert.Equal("A002", next.TicketNumber);
        Assert.Equal(TicketStatus.Served, (await after.Factory.QueueOf(hallId, called).GetTicketAsync(called)).Status);
    }

    private async Task<HallStore> StoreAsync(string provider) =>
        provider == "Sqlite" ? HallStore.Sqlite() : HallStore.Postgres(await postgres.ConnectionStringAsync());

    private static async Task<HallInfo> CreateHallAsync(HallHost host, string hallId, string supervisor)
    {
        var hall = host.Hall(hallId);
        await hall.CreateAsync("admin-1", new HallSetup("Central hall"));
        await hall.PutQueueAsync(new QueueSetup("a", "Pensions", "A"));
        await hall.PutWindowAsync(new WindowSetup("w1", "Window 1", ["a"]));
        return await hall.SetPeopleAsync(new HallPeople(["admin-1"], [], [supervisor]));
    }
}
