using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Im.Edge.Limits;

/// <summary>
/// Token buckets of the member hub, per action and scope (member, connection), and the
/// counter <c>im.edge.rate_limited</c> of refusals by action and scope.
/// </summary>
/// <remarks>
/// Buckets live in <see cref="TokenBuckets"/> keyed by member or connection id, which drop
/// buckets that have refilled to full (a full bucket is the same as a new one), so ids of
/// gone connections and quiet members do not pile up. Limits are per edge node: a member
/// spread over several nodes gets the member limit on each.
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

    private readonly Dictionary<string, (TokenBuckets Member, TokenBuckets Connection)> _limiters;
    private readonly Counter<long> _rateLimited;

    public HubRateLimits(IOptions<LimitsOptions> options, IMeterFactory meters, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(time);
        var limits = options.Value;
        _limiters = new(StringComparer.Ordinal)
        {
            [Send] = (new(limits.Send.Member, time), new(limits.Send.Connection, time)),
            [Join] = (new(limits.Join.Member, time), new(limits.Join.Connection, time)),
            [Typing] = (new(limits.Typing.Member, time), new(limits.Typing.Connection, time)),
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

    private void Take(TokenBuckets buckets, string key, string action, string scope)
    {
        if (buckets.TryTake(key, out var retryAfter))
        {
            return;
        }

        _rateLimited.Add(1, new KeyValuePair<string, object?>("action", action), new KeyValuePair<string, object?>("scope", scope));
        var seconds = Math.Max(retryAfter.TotalSeconds, 0.001).ToString("0.###", CultureInfo.InvariantCulture);
        throw new HubException($"rate_limited: too many {action} calls for this {scope}; retry after {seconds}s");
    }
}
