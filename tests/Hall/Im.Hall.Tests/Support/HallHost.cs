using Im.Domain.Chat;
using Im.Actors;
using Im.Actors.Hosting;
using Im.Actors.Reminders;
using Im.Actors.Runtime;
using Im.Actors.Storage;
using Im.Domain.Notifications;
using Im.Domain.Push;
using Im.Hall.Halls;
using Im.Hall.Hosting;
using Im.Hall.Queues;
using Im.Hall.Statistics;
using Im.Hall.Tickets;
using Im.Hall.Windows;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Im.Hall.Tests.Support;

/// <summary>
/// A started grain runtime hosting the hall grains and the notification inboxes over a
/// <see cref="HallStore"/>, on a manual clock, with a recording edge in its edge directory.
/// Disposing it stops the runtime as a process shutdown would; the store's data stays.
/// </summary>
public sealed class HallHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private HallHost(ServiceProvider services, ManualTimeProvider clock)
    {
        _services = services;
        Clock = clock;
        Runtime = services.GetRequiredService<GrainRuntime>();
        Reminders = services.GetRequiredService<IReminderStore>();
        StateStore = services.GetRequiredService<IGrainStateStore>();
        TicketStore = services.GetRequiredService<ITicketStore>();
        Statistics = services.GetRequiredService<HallStatistics>();
        Edge = new RecordingHallEdge();
        EdgeId = Factory.CreateObserverReference<IHallEdgeObserver>(Edge);
        // One recorder for both kinds of push: hall events and the notices inboxes deliver.
        services.GetRequiredService<HallEdgeDirectory>().Add(EdgeId);
        services.GetRequiredService<IEdgeDirectory>().Add(EdgeId);
    }

    public GrainRuntime Runtime { get; }

    public IGrainFactory Factory => Runtime;

    public ManualTimeProvider Clock { get; }

    /// <summary>This host's own adapter over the reminder table.</summary>
    public IReminderStore Reminders { get; }

    /// <summary>This host's own adapter over the grain state table, for checking what is stored.</summary>
    public IGrainStateStore StateStore { get; }

    /// <summary>This host's own adapter over the ticket rows, for checking what is stored.</summary>
    public ITicketStore TicketStore { get; }

    public HallStatistics Statistics { get; }

    /// <summary>Held here, so the runtime's weak reference to it lives as long as the host.</summary>
    public RecordingHallEdge Edge { get; }

    public ObserverId EdgeId { get; }

    /// <summary>Starts a host over <paramref name="store"/> with the <c>Hall</c> settings given as configuration keys.</summary>
    public static async Task<HallHost> StartAsync(HallStore store, ManualTimeProvider clock, IReadOnlyDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddLogging();
        services.AddMetrics();
        services.AddGrainRuntime(grains => grains
            .AddGrain<NotificationInboxGrain>()
            .AddGrainsFrom(typeof(HallGrain).Assembly));
        services.Configure<GrainRuntimeOptions>(o =>
        {
            // Every call crosses as JSON, proving the hall's interfaces carry only data.
            o.SerializeCalls = true;
            o.ReminderPollInterval = TimeSpan.FromSeconds(1);
        });
        services.AddImPush();
        services.AddImHall(new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build());
        await store.ConnectAsync(services);
        var host = new HallHost(services.BuildServiceProvider(), clock);
        await host.Runtime.StartAsync();
        return host;
    }

    public IHallGrain Hall(string hallId) => Factory.GetGrain<IHallGrain>(hallId);

    public IWindowGrain Window(string hallId, string windowId) => Factory.GetGrain<IWindowGrain>(new WindowKey(hallId, windowId).ToString());

    public IQueueDayGrain QueueDay(string hallId, string queueId, DateOnly day) =>
        Factory.GetGrain<IQueueDayGrain>(new QueueDayKey(hallId, queueId, day).ToString());

    public INotificationInboxGrain Inbox(string memberId) => Factory.GetGrain<INotificationInboxGrain>(memberId);

    /// <summary>The notices in a member's inbox, oldest first.</summary>
    public async Task<IReadOnlyList<NotificationItem>> InboxOfAsync(string memberId) =>
        (await Inbox(memberId).ListAsync(new NotificationQuery(Limit: 200))).Notifications;

    public async ValueTask DisposeAsync()
    {
        await Runtime.StopAsync();
        await _services.DisposeAsync();
    }
}
