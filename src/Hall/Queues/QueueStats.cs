namespace Im.Hall.Queues;

/// <summary>
/// A queue's live counts for today: the contract's <c>{queueId, waiting}</c> (pushed as
/// <c>queueStatsChanged</c>), plus what was issued and the quota left (null: no quota).
/// </summary>
public sealed record QueueStats(string HallId, string QueueId, int Waiting, int Issued, int? QuotaLeft);
