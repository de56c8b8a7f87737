namespace Im.Edge.Hosting;

/// <summary>
/// Decides when a full, compacting collection is worth its pause: after a burst of
/// allocation (a reconnect storm, say) once the process has gone quiet, and never while it is
/// busy.
/// </summary>
/// <remarks>
/// <para>A burst is at least <see cref="MemoryTrimOptions.BurstBytes"/>, and at least half the
/// heap, allocated since the last trim: so a lightly loaded edge with a large heap pays the
/// pause rarely, in proportion to what it holds. It counts from the last trim, not from the
/// collector's own last full collection: counting from that missed a storm in a bench run
/// (an edge with 10,000 new connections kept 390 MB), since the collector's full collections
/// are usually background ones, which neither compact nor give memory back.</para>
/// <para>Quiet is at most <see cref="MemoryTrimOptions.QuietBytes"/> allocated in the last
/// interval. Idle connections allocate too, for their keep-alive pings: a limit of 4 MB per
/// 10 s missed an edge of 10,000 idle connections in a bench run, hence 10 MB per 5 s.</para>
/// </remarks>
public sealed class MemoryTrimPolicy(MemoryTrimOptions options)
{
    private long _allocatedAtLastTrim;
    private long _allocatedAtLastLook;

    /// <summary>
    /// Called once per interval with the process's allocation total and the heap's size; true
    /// when the caller should trim now.
    /// </summary>
    public bool ShouldTrim(long allocatedBytes, long heapBytes)
    {
        var sinceLook = allocatedBytes - _allocatedAtLastLook;
        _allocatedAtLastLook = allocatedBytes;
        var burst = Math.Max(options.BurstBytes, heapBytes / 2);
        if (allocatedBytes - _allocatedAtLastTrim < burst || sinceLook > options.QuietBytes)
        {
            return false;
        }

        _allocatedAtLastTrim = allocatedBytes;
        return true;
    }
}
