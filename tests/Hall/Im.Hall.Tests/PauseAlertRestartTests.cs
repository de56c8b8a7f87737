using Im.Hall.Halls;
using Im.Hall.Notices;
using Im.Hall.Tests.Support;
using Im.Testing;

namespace Im.Hall.Tests;

/// <summary>The pause alert is a durable reminder: it survives the process that armed it, on every store.</summary>
public sealed class PauseAlertRestartTests(PostgresSchemaFixture postgres) : IClassFixture<PostgresSchemaFixture>
{
    public static TheoryData<string> Providers => ["Sqlite", "Postgres"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task APauseAlertArmedBeforeARestartFiresAfterIt(string provider)
    {
        await using var store = provider == "Sqlite" ? HallStore.Sqlite() : HallStore.Postgres(await postgres.ConnectionStringAsync());
        var clock = new ManualTimeProvider();
        var hallId = $"h-{Guid.NewGuid():N}";
        var supervisor = $"sup-{Guid.NewGuid():N}";
        await using (var before = await HallHost.StartAsync(store, clock))
        {
            var hall = before.Hall(hallId);
            await hall.CreateAsync("admin-1", new HallSetup("Central hall"));
            await hall.PutQueueAsync(new QueueSetup("a", "Pensions", "A"));
            await hall.PutWindowAsync(new WindowSetup("w1", "Window 1", ["a"]));
            await hall.SetPeopleAsync(new HallPeople(["admin-1"], [], [supervisor]));
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
}
