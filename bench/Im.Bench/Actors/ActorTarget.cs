using Im.Actors;
using Im.Bench.Measurement;

namespace Im.Bench.Actors;

/// <summary>
/// Calls one grain per key through a runtime of its own. References are taken once up
/// front, as a caller that holds them would; a call is the proxy, the mailbox, the turn and
/// the answer.
/// </summary>
public sealed class ActorTarget<TGrain> : ILoadTarget where TGrain : class, IGrain
{
    private readonly BenchRuntime _runtime;
    private readonly TGrain[] _grains;
    private readonly Func<TGrain, Task> _call;
    private readonly IAsyncDisposable? _owned;

    /// <param name="runtime">Owned: disposed with the target.</param>
    /// <param name="keys">How many grains, one per key.</param>
    /// <param name="call">The call made on a key's grain.</param>
    /// <param name="owned">Disposed after the runtime has stopped (its store).</param>
    public ActorTarget(BenchRuntime runtime, int keys, Func<TGrain, Task> call, IAsyncDisposable? owned = null)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(call);
        _runtime = runtime;
        _grains = Enumerable.Range(0, keys).Select(k => runtime.Factory.GetGrain<TGrain>(BenchKeys.Name(k))).ToArray();
        _call = call;
        _owned = owned;
    }

    public Task CallAsync(int key) => _call(_grains[key]);

    public async ValueTask DisposeAsync()
    {
        await _runtime.DisposeAsync();
        if (_owned is not null)
        {
            await _owned.DisposeAsync();
        }
    }
}
