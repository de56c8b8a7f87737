namespace Im.Edge.Hosting;

/// <summary>
/// Decides when a full, compacting collection is worth its pause: after a burst of
/// allocation (a reconnect storm, say) once the process has gone quiet, and never while it is
/// busy.
/// </summary>
/// <remarks>
/// The burst counts from the last trim, not from the collector's own last full collection.
/// Counting from that missed a storm in a bench run (an edge with 10,000 new connections kept
/// 390 MB): the collector's full collections are usually background ones, which neither
/// compact nor give memory back.
/// </remarks>
public sealed class MemoryTrimPolicy(MemoryTrimOptions options)
{
    private long _allocatedAtLastTrim;
    private long _allocatedAtLastLook;

    /// <summary>Called once per interval with the process's allocation total; true when the caller should trim now.</summary>
    public bool ShouldTrim(long allocatedBytes)
    {
        var sinceLook = allocatedBytes - _allocatedAtLastLook;
        _allocatedAtLastLook = allocatedBytes;
        if (allocatedBytes - _allocatedAtLastTrim < options.BurstBytes || sinceLook > options.QuietBytes)
        {
            return false;
        }

        _allocatedAtLastTrim = allocatedBytes;
        return true;
    }
}
