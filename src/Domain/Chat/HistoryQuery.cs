namespace Im.Domain.Chat;

/// <summary>
/// A page of history: after <see cref="AfterSeq"/> (sync after reconnect), before
/// <see cref="BeforeSeq"/> (scrolling back), or the newest page when neither is set.
/// </summary>
public sealed record HistoryQuery(long? AfterSeq = null, long? BeforeSeq = null, int? Limit = null);
