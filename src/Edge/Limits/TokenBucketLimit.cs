namespace Im.Edge.Limits;

/// <summary>
/// One token bucket: <see cref="Burst"/> calls at once, refilled by
/// <see cref="PermitsPerPeriod"/> every <see cref="Period"/>.
/// </summary>
public sealed class TokenBucketLimit
{
    public int PermitsPerPeriod { get; set; }

    public TimeSpan Period { get; set; } = TimeSpan.FromSeconds(1);

    public int Burst { get; set; }

    internal bool IsValid => PermitsPerPeriod > 0 && Burst >= PermitsPerPeriod && Period > TimeSpan.Zero;
}
