namespace Im.Edge.Limits;

/// <summary>
/// Rate limits of the member hub (configuration section <c>Limits</c>). Each action has a
/// token bucket per member and one per connection; a call takes a token from both.
/// </summary>
public sealed class LimitsOptions
{
    public const string SectionName = "Limits";

    /// <summary><c>sendMessage</c>.</summary>
    public ActionLimits Send { get; set; } = Defaults(memberRate: 20, memberBurst: 40, connectionRate: 10, connectionBurst: 20);

    /// <summary><c>openDirect</c>, <c>createGroup</c>, <c>createRoom</c>, <c>joinRoom</c>, <c>addMembers</c>.</summary>
    public ActionLimits Join { get; set; } = Defaults(memberRate: 2, memberBurst: 10, connectionRate: 2, connectionBurst: 10);

    /// <summary><c>typing</c>.</summary>
    public ActionLimits Typing { get; set; } = Defaults(memberRate: 2, memberBurst: 5, connectionRate: 1, connectionBurst: 3);

    internal bool IsValid =>
        new[] { Send, Join, Typing }.All(a => a is not null && a.Member is { IsValid: true } && a.Connection is { IsValid: true });

    private static ActionLimits Defaults(int memberRate, int memberBurst, int connectionRate, int connectionBurst) => new()
    {
        Member = new TokenBucketLimit { PermitsPerPeriod = memberRate, Burst = memberBurst },
        Connection = new TokenBucketLimit { PermitsPerPeriod = connectionRate, Burst = connectionBurst },
    };
}
