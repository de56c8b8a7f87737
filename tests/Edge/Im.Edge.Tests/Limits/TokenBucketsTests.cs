using Im.Edge.Limits;
using Im.Testing;

namespace Im.Edge.Tests.Limits;

public sealed class TokenBucketsTests
{
    private static readonly TokenBucketLimit Limit = new() { PermitsPerPeriod = 2, Period = TimeSpan.FromSeconds(1), Burst = 5 };

    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public void ABurstPassesThenCallsWaitForTheNextRefillWhichAddsItsPermits()
    {
        using var buckets = new TokenBuckets(Limit, _clock);

        Assert.Equal(Limit.Burst, Takes(buckets, "ann", Limit.Burst));
        _clock.Advance(TimeSpan.FromMilliseconds(400));

        Assert.False(buckets.TryTake("ann", out var retryAfter));
        Assert.Equal(TimeSpan.FromMilliseconds(600), retryAfter);

        _clock.Advance(TimeSpan.FromMilliseconds(600));
        Assert.True(buckets.TryTake("ann", out _));
        Assert.True(buckets.TryTake("ann", out _));
        Assert.False(buckets.TryTake("ann", out retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(1), retryAfter);
    }

    [Fact]
    public void AnIdleBucketRefillsToItsBurstAndNoFurther()
    {
        using var buckets = new TokenBuckets(Limit, _clock);
        Assert.True(buckets.TryTake("ann", out _));

        _clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(Limit.Burst, Takes(buckets, "ann", 2 * Limit.Burst));
    }

    [Fact]
    public void EachKeyHasItsOwnBucket()
    {
        using var buckets = new TokenBuckets(Limit, _clock);

        Assert.Equal(Limit.Burst, Takes(buckets, "ann", 2 * Limit.Burst));
        Assert.True(buckets.TryTake("bob", out _));
    }

    [Fact]
    public void TheSweepDropsFullBucketsOnlyAndADroppedKeyStartsFull()
    {
        using var buckets = new TokenBuckets(Limit, _clock);
        Assert.Equal(Limit.Burst, Takes(buckets, "busy", 2 * Limit.Burst));
        Assert.True(buckets.TryTake("quiet", out _));

        // Just before the sweep the busy bucket is emptied again; at the sweep it holds one
        // refill (2 of 5), the quiet one is full.
        _clock.Advance(TokenBuckets.SweepInterval - TimeSpan.FromMilliseconds(1));
        Assert.Equal(Limit.Burst, Takes(buckets, "busy", 2 * Limit.Burst));
        Assert.Equal(2, buckets.Count);

        _clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(1, buckets.Count);
        Assert.Equal(Limit.Burst, Takes(buckets, "quiet", 2 * Limit.Burst));
    }

    [Fact]
    public async Task ConcurrentCallsOfOneKeyTakeExactlyTheBurstAcrossSweeps()
    {
        using var buckets = new TokenBuckets(new TokenBucketLimit { PermitsPerPeriod = 1, Period = TimeSpan.FromHours(1), Burst = 1000 }, _clock);
        var taken = 0;
        using var start = new Barrier(4);

        var callers = Enumerable.Range(0, 4).Select(caller => Task.Run(() =>
        {
            start.SignalAndWait(TestContext.Current.CancellationToken);
            for (var i = 0; i < 1000; i++)
            {
                if (buckets.TryTake("ann", out _))
                {
                    Interlocked.Increment(ref taken);
                }
            }
        }, TestContext.Current.CancellationToken));
        var sweeps = Task.Run(() =>
        {
            // Sweeps in the middle of the calls drop nothing: the bucket is never full again.
            for (var i = 0; i < 100; i++)
            {
                _clock.Advance(TokenBuckets.SweepInterval);
            }
        }, TestContext.Current.CancellationToken);
        await Task.WhenAll([.. callers, sweeps]);

        Assert.Equal(1000, taken);
    }

    private static int Takes(TokenBuckets buckets, string key, int calls) =>
        Enumerable.Range(0, calls).Count(_ => buckets.TryTake(key, out var _));
}
