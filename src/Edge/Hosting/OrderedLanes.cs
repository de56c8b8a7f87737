using System.Threading.Channels;

namespace Im.Edge.Hosting;

/// <summary>
/// Work items that must run in order per key (a hall, a conversation) and may run in parallel
/// across keys: every key hashes to one of a fixed number of bounded lanes, each drained by one
/// reader, so items of a key run one after another in the order they were queued.
/// </summary>
/// <remarks>
/// <see cref="EnqueueAsync"/> completes once the lane accepted the item, not once it ran: a
/// pushing grain waits only for that, and a full lane pushes back on a flood. A failing item is
/// logged and does not stop its lane.
/// </remarks>
public sealed class OrderedLanes : IAsyncDisposable
{
    private readonly Channel<Func<Task>>[] _lanes;
    private readonly Task[] _readers;
    private readonly ILogger _logger;

    public OrderedLanes(int laneCount, int laneCapacity, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(laneCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(laneCapacity, 1);
        _logger = logger;
        _lanes = [.. Enumerable.Range(0, laneCount)
            .Select(_ => Channel.CreateBounded<Func<Task>>(new BoundedChannelOptions(laneCapacity) { SingleReader = true }))];
        _readers = [.. _lanes.Select(lane => Task.Run(() => ReadAsync(lane.Reader), CancellationToken.None))];
    }

    /// <summary>Queues <paramref name="work"/> behind every earlier item of <paramref name="key"/>.</summary>
    public Task EnqueueAsync(string key, Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(work);
        var lane = _lanes[(int)((uint)StringComparer.Ordinal.GetHashCode(key) % (uint)_lanes.Length)];
        return lane.Writer.TryWrite(work) ? Task.CompletedTask : lane.Writer.WriteAsync(work).AsTask();
    }

    /// <summary>Takes no more items and waits until the queued ones have run.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        foreach (var lane in _lanes)
        {
            lane.Writer.TryComplete();
        }

        await Task.WhenAll(_readers).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await CompleteAsync(CancellationToken.None).ConfigureAwait(false);

    private async Task ReadAsync(ChannelReader<Func<Task>> lane)
    {
        await foreach (var work in lane.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await work().ConfigureAwait(false);
            }
            catch (Exception error)
            {
                _logger.LogWarning(error, "Delivery to local connections failed");
            }
        }
    }
}
