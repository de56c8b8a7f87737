using Im.Bench.Measurement;

namespace Im.Bench.Actors;

/// <summary>
/// What one would write without actors: a <see cref="SemaphoreSlim"/>(1,1) per key around
/// the work, so calls on one key never overlap, just as a grain's turns do not.
/// </summary>
public sealed class SemaphoreBaseline : ILoadTarget
{
    private readonly SemaphoreSlim[] _gates;
    private readonly Func<int, Task> _work;
    private readonly IAsyncDisposable? _owned;

    /// <param name="keys">How many keys, each with its own gate.</param>
    /// <param name="work">The call on one key; never runs twice at once for the same key.</param>
    /// <param name="owned">Disposed with the baseline (its store).</param>
    public SemaphoreBaseline(int keys, Func<int, Task> work, IAsyncDisposable? owned = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        _gates = Enumerable.Range(0, keys).Select(_ => new SemaphoreSlim(1, 1)).ToArray();
        _work = work;
        _owned = owned;
    }

    public async Task CallAsync(int key)
    {
        var gate = _gates[key];
        await gate.WaitAsync();
        try
        {
            await _work(key);
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var gate in _gates)
        {
            gate.Dispose();
        }

        if (_owned is not null)
        {
            await _owned.DisposeAsync();
        }
    }
}
