using System.Collections.Concurrent;

namespace Im.Edge.Limits;

/// <summary>
/// Token buckets of one limit, one per key (a member or a connection id).
/// </summary>
/// <remarks>
/// Each bucket has a lock of its own, so calls of different keys never wait on each other.
/// They did with System.Threading.RateLimiting's partitioned limiter, whose one lock every
/// call of the edge took: under a 1:1 load it was the server's most contended lock (a
/// thread-time trace of the bench's <c>direct</c> scenario). A sweep every
/// <see cref="SweepInterval"/> drops the buckets that have refilled to full, so the ids of
/// gone connections and quiet members do not pile up.
/// </remarks>
internal sealed class TokenBuckets : IDisposable
{
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, TokenBucket> _buckets = new(StringComparer.Ordinal);
    private readonly TokenBucketLimit _limit;
    private readonly TimeProvider _time;
    private readonly long _periodTicks;
    private readonly ITimer _sweep;

    public TokenBuckets(TokenBucketLimit limit, TimeProvider time)
    {
        _limit = limit;
        _time = time;
        _periodTicks = Math.Max(1, (long)(limit.Period.TotalSeconds * time.TimestampFrequency));

        // The sweep outlives whatever first resolved the limits (a hub call, say): it must not
        // keep that execution context alive.
        using (ExecutionContext.SuppressFlow())
        {
            _sweep = time.CreateTimer(static self => ((TokenBuckets)self!).Sweep(), this, SweepInterval, SweepInterval);
        }
    }

    /// <summary>How many keys have a bucket (full ones until the next sweep drops them).</summary>
    public int Count => _buckets.Count;

    /// <summary>Takes a token from <paramref name="key"/>'s bucket; false, with how long until it refills, when it is empty.</summary>
    public bool TryTake(string key, out TimeSpan retryAfter)
    {
        while (true)
        {
            var now = _time.GetTimestamp();
            var bucket = _buckets.GetOrAdd(key, static (_, state) => new TokenBucket(state.Burst, state.Now), (_limit.Burst, Now: now));
            if (bucket.TryTake(_limit, now, _periodTicks, out var waitTicks) is { } taken)
            {
                retryAfter = taken ? TimeSpan.Zero : TimeSpan.FromSeconds((double)waitTicks / _time.TimestampFrequency);
                return taken;
            }

            // The sweep dropped this bucket (full) after the lookup: the next lookup makes a new one.
        }
    }

    public void Dispose() => _sweep.Dispose();

    private void Sweep()
    {
        var now = _time.GetTimestamp();
        foreach (var entry in _buckets)
        {
            if (entry.Value.TryDropWhenFull(_limit, now, _periodTicks))
            {
                _buckets.TryRemove(entry);
            }
        }
    }
}
