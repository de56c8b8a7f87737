namespace Im.Domain.Review;

/// <summary>
/// The durable record of review decisions, read by administrators.
/// </summary>
/// <remarks>
/// Guarantees: <see cref="AppendAsync"/> returns only once the record is durable, and a
/// failure throws, so a caller that writes before it answers never loses a decision
/// silently. Records are never changed or deleted here. Ids increase in append order
/// within one store (gaps are possible). At least once: a retried send that is reviewed
/// again is logged again.
/// </remarks>
public interface IReviewAuditLog
{
    /// <summary>Appends a record (its <see cref="ReviewAuditRecord.Id"/> is ignored) and returns the id it got.</summary>
    Task<long> AppendAsync(ReviewAuditRecord record, CancellationToken cancellationToken);

    /// <summary>The newest records first, at most <paramref name="limit"/> (positive).</summary>
    Task<IReadOnlyList<ReviewAuditRecord>> ReadRecentAsync(int limit, CancellationToken cancellationToken);
}
