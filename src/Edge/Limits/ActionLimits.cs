namespace Im.Edge.Limits;

/// <summary>The limits of one action: per member (all their connections together) and per connection.</summary>
public sealed class ActionLimits
{
    public TokenBucketLimit Member { get; set; } = new();

    public TokenBucketLimit Connection { get; set; } = new();
}
