using System.Collections.Concurrent;
using Im.Edge.Hall;
using Im.Hall.Queues;
using Im.Testing;

namespace Im.Edge.Tests.Hall;

public sealed class QueueStatsThrottleTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    private readonly ManualTimeProvider _clock = new();
    private readonly ConcurrentQueue<QueueStats> _sent = new();
    private readonly SemaphoreSlim _sends = new(0);

    [Fact]
    public async Task TheFirstChangeGoesAtOnceAndARushFoldsIntoOnePushOfTheNewestCountsAtTheIntervalsEnd()
    {
        var throttle = new QueueStatsThrottle(Interval, _clock, RecordAsync);

        await throttle.OfferAsync(Stats("a", waiting: 1));
        foreach (var waiting in Enumerable.Range(2, 9))
        {
            await throttle.OfferAsync(Stats("a", waiting));
        }

        await _sends.WaitAsync(TestContext.Current.CancellationToken).DefaultTimeout();
        Assert.Equal([1], _sent.Select(s => s.Waiting));
        _clock.Advance(Interval);
        await _sends.WaitAsync(TestContext.Current.CancellationToken).DefaultTimeout();
        Assert.Equal([1, 10], _sent.Select(s => s.Waiting));
    }

    [Fact]
    public async Task QueuesAreThrottledApartAndAQuietQueueSendsAtOnceAgain()
    {
        var throttle = new QueueStatsThrottle(Interval, _clock, RecordAsync);

        await throttle.OfferAsync(Stats("a", waiting: 1));
        await throttle.OfferAsync(Stats("b", waiting: 7));
        _clock.Advance(Interval);
        await throttle.OfferAsync(Stats("a", waiting: 2));

        Assert.Equal([("a", 1), ("b", 7), ("a", 2)], _sent.Select(s => (s.QueueId, s.Waiting)));
    }

    [Fact]
    public async Task AZeroIntervalSendsEveryChange()
    {
        var throttle = new QueueStatsThrottle(TimeSpan.Zero, _clock, RecordAsync);

        foreach (var waiting in Enumerable.Range(1, 3))
        {
            await throttle.OfferAsync(Stats("a", waiting));
        }

        Assert.Equal([1, 2, 3], _sent.Select(s => s.Waiting));
    }

    private static QueueStats Stats(string queueId, int waiting) => new("hall", queueId, waiting, waiting, null);

    private Task RecordAsync(QueueStats stats)
    {
        _sent.Enqueue(stats);
        _sends.Release();
        return Task.CompletedTask;
    }
}
