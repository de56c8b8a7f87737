namespace Im.Bench.Measurement;

/// <summary>
/// What a scenario puts under load: one call on one key. Created fresh for every measured
/// run and disposed after it, so no run inherits another's caches, activations or data.
/// </summary>
/// <remarks>Implementations must accept calls from many workers at once.</remarks>
public interface ILoadTarget : IAsyncDisposable
{
    /// <summary>One call on key <paramref name="key"/> (0 to keys - 1); completes when the call has.</summary>
    Task CallAsync(int key);
}
