namespace Im.Edge.Limits;

/// <summary>
/// One key's bucket of <see cref="TokenBuckets"/>. It refills from the clock when it is
/// read, so no timer touches it; a bucket found full by the sweep is dropped, and a call that
/// meets a dropped bucket takes from a fresh one, which holds the same.
/// </summary>
internal sealed class TokenBucket(int tokens, long refilledAt)
{
    private readonly Lock _lock = new();
    private int _tokens = tokens;
    private long _refilledAt = refilledAt;
    private bool _dropped;

    /// <summary>Takes a token; false with the wait until the next refill when none is left; null when the bucket was dropped.</summary>
    public bool? TryTake(TokenBucketLimit limit, long now, long periodTicks, out long waitTicks)
    {
        lock (_lock)
        {
            waitTicks = 0;
            if (_dropped)
            {
                return null;
            }

            Refill(limit, now, periodTicks);
            if (_tokens > 0)
            {
                _tokens--;
                return true;
            }

            waitTicks = _refilledAt + periodTicks - now;
            return false;
        }
    }

    /// <summary>Marks the bucket dropped when it has refilled to full (it holds what a fresh one would); true when it did.</summary>
    public bool TryDropWhenFull(TokenBucketLimit limit, long now, long periodTicks)
    {
        lock (_lock)
        {
            Refill(limit, now, periodTicks);
            _dropped = _tokens >= limit.Burst;
            return _dropped;
        }
    }

    private void Refill(TokenBucketLimit limit, long now, long periodTicks)
    {
        var periods = (now - _refilledAt) / periodTicks;
        if (periods <= 0)
        {
            return;
        }

        _tokens = (int)Math.Min(limit.Burst, _tokens + (periods * limit.PermitsPerPeriod));
        _refilledAt += periods * periodTicks;
    }
}
