namespace Im.Actors;

/// <summary>
/// A call got no answer within its timeout. If it was still queued it is dropped; if it
/// had started, it may still complete, so callers retry with an idempotency key.
/// </summary>
public sealed class GrainCallTimeoutException(GrainId target, string method, TimeSpan timeout)
    : TimeoutException($"timeout: {target}.{method} did not answer within {timeout.TotalMilliseconds:0} ms")
{
    public GrainId Target { get; } = target;
}
