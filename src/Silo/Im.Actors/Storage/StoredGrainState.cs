namespace Im.Actors.Storage;

/// <summary>What a state store holds for one grain: the data (null when absent or cleared) and its etag.</summary>
public sealed record StoredGrainState(byte[]? Data, string? Etag)
{
    public static StoredGrainState Missing { get; } = new(null, null);
}
