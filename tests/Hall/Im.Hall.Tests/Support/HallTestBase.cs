using Im.Hall.Halls;

namespace Im.Hall.Tests.Support;

/// <summary>
/// A test class with its own hall runtime over a fresh SQLite file and a manual clock
/// (2026-01-05 08:00 UTC, 16:00 in the default Asia/Shanghai), started before each test
/// and stopped, file removed, after it. Tests that simulate a restart replace <see cref="Host"/>.
/// </summary>
public abstract class HallTestBase : IAsyncLifetime
{
    protected const string HallId = "h1";
    protected const string Admin = "admin-1";
    protected const string Supervisor = "sup-1";

    protected ManualTimeProvider Clock { get; } = new();

    protected HallStore Store { get; } = HallStore.Sqlite();

    protected HallHost Host { get; set; } = null!;

    /// <summary><c>Hall:*</c> configuration keys for the host.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    public async ValueTask InitializeAsync() => Host = await HallHost.StartAsync(Store, Clock, Settings);

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Store.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Today in the hall's time zone.</summary>
    protected async Task<DateOnly> TodayAsync() => HallTime.DayOf(await Host.Hall(HallId).GetAsync(), Clock.GetUtcNow());

    /// <summary>
    /// Hall <see cref="HallId"/> with queues <c>a</c> (prefix A) and <c>b</c> (prefix B),
    /// windows <c>w1</c> serving a, <c>w2</c> serving b, and <see cref="Supervisor"/>.
    /// </summary>
    protected async Task<HallInfo> CreateHallAsync(QueueSetup? a = null, QueueSetup? b = null, string? timeZone = null)
    {
        var hall = Host.Hall(HallId);
        await hall.CreateAsync(Admin, new HallSetup("Central hall", timeZone));
        await hall.PutQueueAsync(a ?? new QueueSetup("a", "Pensions", "A"));
        await hall.PutQueueAsync(b ?? new QueueSetup("b", "Benefits", "B"));
        await hall.PutWindowAsync(new WindowSetup("w1", "Window 1", ["a"]));
        await hall.PutWindowAsync(new WindowSetup("w2", "Window 2", ["b"]));
        return await hall.SetPeopleAsync(new HallPeople([Admin], ["staff-1"], [Supervisor]));
    }
}
