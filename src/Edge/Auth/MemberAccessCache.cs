using Im.Actors;
using Im.Domain.Members;
using Microsoft.Extensions.Caching.Memory;

namespace Im.Edge.Auth;

/// <summary>
/// Whether a member may use the platform (exists and is not disabled), asked of the member
/// grain at most once per <see cref="AuthOptions.MemberStatusCacheDuration"/> per member, so
/// authentication does not cost a grain call per request.
/// </summary>
/// <remarks>
/// Guarantee: after <see cref="Forget"/> returns, no answer read from the grain before that
/// call is served again; the next check reads the grain. Callers change the member's state
/// first and then call <see cref="Forget"/>, so this node sees the change at once; other
/// nodes see it within the cache duration. Thread-safe.
/// </remarks>
public sealed class MemberAccessCache : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions());
    private readonly Dictionary<string, long> _generations = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly IGrainFactory _grains;
    private readonly TimeSpan _duration;

    public MemberAccessCache(IGrainFactory grains, AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(options);
        _grains = grains;
        _duration = options.MemberStatusCacheDuration;
    }

    /// <summary>True when the member exists and is not disabled.</summary>
    public async ValueTask<bool> IsActiveAsync(string memberId)
    {
        ArgumentException.ThrowIfNullOrEmpty(memberId);
        if (_cache.TryGetValue(memberId, out bool active))
        {
            return active;
        }

        var generation = GenerationOf(memberId);
        var profile = await _grains.GetGrain<IMemberGrain>(memberId).GetAsync().ConfigureAwait(false);
        active = profile is { Disabled: false };
        if (_duration > TimeSpan.Zero)
        {
            lock (_lock)
            {
                // A Forget that ran while the grain was being read may have come after a change
                // this read missed: caching the answer then would undo the Forget.
                if (_generations.GetValueOrDefault(memberId) == generation)
                {
                    _cache.Set(memberId, active, _duration);
                }
            }
        }

        return active;
    }

    /// <summary>Drops the cached answer for the member; the next check asks the grain.</summary>
    public void Forget(string memberId)
    {
        ArgumentException.ThrowIfNullOrEmpty(memberId);
        lock (_lock)
        {
            // Only members whose state changed while this process ran get an entry: a few.
            _generations[memberId] = _generations.GetValueOrDefault(memberId) + 1;
            _cache.Remove(memberId);
        }
    }

    /// <summary>
    /// Drops the answers that have expired. The cache drops them only when it is next used, and
    /// an edge that holds idle connections may not use it for hours: one answer per member who
    /// connected, about 200 bytes each.
    /// </summary>
    public void ForgetExpired() => _cache.Compact(0);

    /// <summary>Answers held, expired ones included until something drops them.</summary>
    internal int HeldAnswers => _cache.Count;

    public void Dispose() => _cache.Dispose();

    private long GenerationOf(string memberId)
    {
        lock (_lock)
        {
            return _generations.GetValueOrDefault(memberId);
        }
    }
}
