namespace Im.Actors.Storage;

/// <summary>
/// Durable key -> versioned blob store for grain state.
/// </summary>
/// <remarks>
/// Guarantees every adapter must keep (the shared behaviour suite checks them):
/// <list type="bullet">
/// <item>A write returns only after the data is durable.</item>
/// <item>Writes are conditional on the etag read last: a null etag means "the row must not
/// exist yet"; any other etag must equal the stored one. A mismatch throws
/// <see cref="InconsistentStateException"/> and changes nothing. This is what keeps two
/// activations of one grain (a paused node, a split) from overwriting each other.</item>
/// <item>Clearing leaves a tombstone with a new etag, so an etag never comes back after a
/// clear and a stale writer still loses.</item>
/// </list>
/// </remarks>
public interface IGrainStateStore
{
    /// <summary>Reads the state; a missing or cleared row has null data and the etag to write against.</summary>
    Task<StoredGrainState> ReadAsync(string grainType, string grainKey, CancellationToken cancellationToken);

    /// <summary>Writes when <paramref name="expectedEtag"/> still matches; returns the new etag.</summary>
    Task<string> WriteAsync(string grainType, string grainKey, ReadOnlyMemory<byte> data, string? expectedEtag, CancellationToken cancellationToken);

    /// <summary>Clears when <paramref name="expectedEtag"/> still matches; returns the tombstone's etag.</summary>
    Task<string> ClearAsync(string grainType, string grainKey, string? expectedEtag, CancellationToken cancellationToken);
}
