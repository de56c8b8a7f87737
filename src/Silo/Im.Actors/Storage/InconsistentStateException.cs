namespace Im.Actors.Storage;

/// <summary>
/// A conditional write lost: the stored etag is not the one this activation read. The
/// runtime discards the activation that saw it, so the next call reloads from storage.
/// </summary>
public sealed class InconsistentStateException : Exception
{
    public InconsistentStateException(string grainType, string grainKey, string? expectedEtag)
        : base($"state conflict: {grainType}/{grainKey} was written by someone else (expected etag '{expectedEtag ?? "<none>"}')")
    {
        GrainType = grainType;
        GrainKey = grainKey;
        ExpectedEtag = expectedEtag;
    }

    public InconsistentStateException()
    {
    }

    public InconsistentStateException(string message) : base(message)
    {
    }

    public InconsistentStateException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public string? GrainType { get; }

    public string? GrainKey { get; }

    public string? ExpectedEtag { get; }
}
