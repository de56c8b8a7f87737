namespace Im.Edge.Hosting;

/// <summary>
/// Decides when a full, compacting collection is worth its pause: after a burst of
/// allocation (a reconnect storm, say) once the process has gone quiet, and never while it is
/// busy, when the collector's own collections run anyway.
/// </summary>
public sealed class MemoryTrimPolicy(MemoryTrimOptions options)
{
    private long _allocatedAtLastFullCollection;
    private long _allocatedAtLastLook;
    private int _fullCollectionsSeen = -1;

    /// <summary>
    /// Called once per interval with the process's allocation total and its count of full
    /// collections; true when the caller should trim now.
    /// </summary>
    public bool ShouldTrim(long allocatedBytes, int fullCollections)
    {
        if (fullCollections != _fullCollectionsSeen)
        {
            // A full collection happened (the collector's or ours): count from here.
            _fullCollectionsSeen = fullCollections;
            _allocatedAtLastFullCollection = _allocatedAtLastLook;
        }

        var sinceLook = allocatedBytes - _allocatedAtLastLook;
        _allocatedAtLastLook = allocatedBytes;
        return allocatedBytes - _allocatedAtLastFullCollection >= options.BurstBytes && sinceLook <= options.QuietBytes;
    }
}
