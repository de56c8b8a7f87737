using Im.Actors;
using Im.Edge.Hosting;
using Im.Hall.Halls;
using Im.Hall.Queues;
using Im.Hall.Windows;
using Microsoft.AspNetCore.SignalR;

namespace Im.Edge.Hall;

/// <summary>
/// This edge node as halls see it: it takes one push per hall event and hands it to the
/// SignalR group of the hall, i.e. to every screen and staff connection subscribed here.
/// </summary>
/// <remarks>
/// Per-hall order is kept by routing every event of a hall, and every subscription to it,
/// through the same lane: a subscriber joins the group between two events, never in the
/// middle of one, and sees the events after its join in the order the hall raised them.
/// </remarks>
public sealed class HallEdge : IHallEdgeObserver, IHostedService, IAsyncDisposable
{
    private const int LaneCapacity = 10_000;

    private readonly IHubContext<HallHub, IHallClient> _hub;
    private readonly IGrainFactory _grains;
    private readonly HallEdgeDirectory _directory;
    private readonly OrderedLanes _lanes;
    private readonly QueueStatsThrottle _stats;
    private ObserverId _observerId;

    public HallEdge(IHubContext<HallHub, IHallClient> hub, IGrainFactory grains, HallEdgeDirectory directory, HallEdgeOptions options, TimeProvider time, ILogger<HallEdge> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _hub = hub;
        _grains = grains;
        _directory = directory;
        _lanes = new OrderedLanes(Math.Max(2, Environment.ProcessorCount), LaneCapacity, logger);
        _stats = new QueueStatsThrottle(options.ScreenStatsInterval, time, stats => _lanes.EnqueueAsync(stats.HallId, () => Group(stats.HallId).QueueStatsChangedAsync(stats)));
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // The runtime holds observers weakly; this singleton keeps itself alive.
        _observerId = _grains.CreateObserverReference<IHallEdgeObserver>(this);
        _directory.Add(_observerId);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _directory.Remove(_observerId);
        _grains.DeleteObserverReference(_observerId);
        await _lanes.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _lanes.DisposeAsync();

    public Task OnTicketCalledAsync(HallCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return _lanes.EnqueueAsync(call.HallId, () => Group(call.HallId).TicketCalledAsync(call));
    }

    public Task OnTicketRecalledAsync(HallCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return _lanes.EnqueueAsync(call.HallId, () => Group(call.HallId).TicketRecalledAsync(call));
    }

    public Task OnWindowStatusChangedAsync(WindowStatusView status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return _lanes.EnqueueAsync(status.HallId, () => Group(status.HallId).WindowStatusChangedAsync(status));
    }

    public Task OnQueueStatsChangedAsync(QueueStats stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        return _stats.OfferAsync(stats);
    }

    /// <summary>Adds a connection to the hall's group, in the hall's lane; completes once it is in.</summary>
    public Task JoinAsync(string connectionId, string hallId) => RunInLaneAsync(hallId, () => _hub.Groups.AddToGroupAsync(connectionId, HallGroups.Of(hallId)));

    /// <summary>Removes a connection from the hall's group, in the hall's lane.</summary>
    public Task LeaveAsync(string connectionId, string hallId) => RunInLaneAsync(hallId, () => _hub.Groups.RemoveFromGroupAsync(connectionId, HallGroups.Of(hallId)));

    private IHallClient Group(string hallId) => _hub.Clients.Group(HallGroups.Of(hallId));

    // A subscriber fetches its snapshot only after it is in the group, so no event raised
    // after the snapshot was read can pass it by.
    private async Task RunInLaneAsync(string hallId, Func<Task> work)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _lanes.EnqueueAsync(hallId, async () =>
        {
            try
            {
                await work().ConfigureAwait(false);
                done.TrySetResult();
            }
            catch (Exception error)
            {
                done.TrySetException(error);
            }
        }).ConfigureAwait(false);
        await done.Task.ConfigureAwait(false);
    }
}
