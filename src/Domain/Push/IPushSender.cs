namespace Im.Domain.Push;

/// <summary>
/// A push provider (FCM HTTP v1 in production).
/// </summary>
/// <remarks>
/// Guarantee: each delivery is attempted until it is accepted, reported dead, refused, or
/// out of retries; transient failures (rate limits, 5xx) are retried inside the call with
/// backoff. The answer holds one outcome per delivery, in order. Thread-safe.
/// </remarks>
public interface IPushSender
{
    Task<IReadOnlyList<PushOutcome>> SendAsync(IReadOnlyList<PushDelivery> deliveries, CancellationToken cancellationToken);
}
