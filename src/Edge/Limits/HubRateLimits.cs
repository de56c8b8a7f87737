using System.Diagnostics.Metrics;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Im.Edge.Limits;

/// <summary>
/// Token buckets of the member hub, per action and scope (member, connection), and the
/// counter <c>im.edge.rate_limited</c> of refusals by action and scope.
/// </summary>
/// <remarks>
/// Buckets live in <see cref="PartitionedRateLimiter"/>s keyed by member or connection id.
/// Those replenish all buckets from one timer and drop buckets idle for a few seconds (a
/// full, unused bucket is the same as a new one), so ids of gone connections and quiet
/// members do not pile up. Limits are per edge node: a member spread over several nodes
/// gets the member limit on each.
/// </remarks>
internal sealed class HubRateLimits : IDisposable
{
    public const string MeterName = "Im.Edge";
    public const string Send = "send";
    public const string Join = "join";
    public const string Typing = "typing";

    private const string MemberScope = "member";
    private const string ConnectionScope = "connection";

    // Hub method (as declared; clients call them camelCase, SignalR matches ignoring case) → action.
    private static readonly Dictionary<string, string> ActionsByMethod = new(StringComparer.OrdinalIgnoreCase)
    {
        ["SendMessage"] = Send,
        ["EditMessage"] = Send,
        ["RecallMessage"] = Send,
        ["OpenDirect"] = Join,
        ["CreateGroup"] = Join,
        ["CreateRoom"] = Join,
        ["JoinRoom"] = Join,
        ["AddMembers"] = Join,
        ["Typing"] = Typing,
    };

    private readonly Dictionary<string, (PartitionedRateLimiter<string> Member, PartitionedRateLimiter<string> Connection)> _limiters;
    private readonly Counter<long> _rateLimited;

    public HubRateLimits(IOptions<LimitsOptions> options, IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(meters);
        var limits = options.Value;
        _limiters = new(StringComparer.Ordinal)
        {
            [Send] = (Create(limits.Send.Member), Create(limits.Send.Connection)),
            [Join] = (Create(limits.Join.Member), Create(limits.Join.Connection)),
            [Typing] = (Create(limits.Typing.Member), Create(limits.Typing.Connection)),
        };
        _rateLimited = meters.Create(MeterName).CreateCounter<long>("im.edge.rate_limited", unit: "{call}", description: "Hub calls refused with rate_limited");
    }

    /// <summary>The limited action a hub method belongs to, or null when it is not limited.</summary>
    public static string? ActionOf(string hubMethodName) => ActionsByMethod.GetValueOrDefault(hubMethodName);

    /// <summary>Takes a token for the connection, then one for the member; throws <c>rate_limited</c> when either is out.</summary>
    /// <remarks>The connection goes first so a single noisy connection uses up only its own bucket.</remarks>
    public void Acquire(string action, string memberId, string connectionId)
    {
        var (member, connection) = _limiters[action];
        Take(connection, connectionId, action, ConnectionScope);
        Take(member, memberId, action, MemberScope);
    }

    public void Dispose()
    {
        foreach (var (member, connection) in _limiters.Values)
        {
            member.Dispose();
            connection.Dispose();
        }
    }

    private static PartitionedRateLimiter<string> Create(TokenBucketLimit limit) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = limit.Burst,
            TokensPerPeriod = limit.PermitsPerPeriod,
            ReplenishmentPeriod = limit.Period,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    private void Take(PartitionedRateLimiter<string> limiter, string key, string action, string scope)
    {
        using var lease = limiter.AttemptAcquire(key);
        if (lease.IsAcquired)
        {
            return;
        }

        _rateLimited.Add(1, new KeyValuePair<string, object?>("action", action), new KeyValuePair<string, object?>("scope", scope));
        var hint = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? $"; retry after {Math.Max(retryAfter.TotalSeconds, 0.001).ToString("0.###", CultureInfo.InvariantCulture)}s"
            : string.Empty;
        throw new HubException($"rate_limited: too many {action} calls for this {scope}{hint}");
    }
}
