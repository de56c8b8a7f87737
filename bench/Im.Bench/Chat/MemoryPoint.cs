namespace Im.Bench.Chat;

/// <summary>A server's memory with a number of idle connections open.</summary>
/// <param name="Connections">Connections open when sampled.</param>
/// <param name="Resident">Median RSS over 5 s, the collector left alone.</param>
/// <param name="ResidentAfterGc">Median RSS after a forced, compacting collection; null where the server cannot be asked for one (Im).</param>
/// <param name="HeapAfterGc">Managed heap bytes after that collection, where known.</param>
/// <param name="Quiet">Whether the server's CPU had settled before sampling.</param>
/// <param name="Idle">Median RSS once the connections had been idle a while longer (<c>MemoryScenario.IdleWait</c>), the collector left alone (for the bare hub: after its forced collection).</param>
public sealed record MemoryPoint(int Connections, long Resident, long? ResidentAfterGc, long? HeapAfterGc, bool Quiet, long Idle)
{
    /// <summary>The figure the scenario compares: after a forced collection where there was one.</summary>
    public long Compared => ResidentAfterGc ?? Resident;
}
