namespace Im.Edge.Hall;

/// <summary>A queue in a hall snapshot: the contract's <c>{queueId, waiting}</c> plus its name, prefix and today's counts.</summary>
public sealed record QueueSnapshot(string QueueId, string Name, string Prefix, int Waiting, int Issued, int? QuotaLeft);
