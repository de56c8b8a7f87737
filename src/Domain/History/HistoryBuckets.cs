namespace Im.Domain.History;

/// <summary>
/// Bucketing of a conversation's history. A bucket bounds a partition's size in a
/// wide-column store (Cassandra's guidance: well under 100 MB per partition); SQL
/// adapters use it too so their keys match and range scans stay on one index prefix.
/// </summary>
public static class HistoryBuckets
{
    /// <summary>Messages per bucket. Changing it needs a data migration.</summary>
    public const long Size = 1000;

    public static long Of(long seq) => seq / Size;
}
