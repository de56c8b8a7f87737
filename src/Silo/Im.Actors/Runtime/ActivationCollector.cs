namespace Im.Actors.Runtime;

/// <summary>Deactivates activations that have had no call for the idle time, and forgets collected observers.</summary>
internal sealed class ActivationCollector(GrainRuntime runtime)
{
    /// <summary>Collects every collection interval until the loop is disposed.</summary>
    public PeriodicLoop Start() => new(
        "Activation collection",
        runtime.Options.CollectionInterval,
        runtime.TimeProvider,
        runtime.Logger,
        _ =>
        {
            CollectOnce();
            return Task.CompletedTask;
        });

    /// <summary>Starts deactivating every idle activation; returns how many.</summary>
    public int CollectOnce()
    {
        var collected = runtime.Activations.Count(a => a.TryCollectIfIdle(runtime.Options.IdleTimeout));
        runtime.Observers.Sweep();
        return collected;
    }
}
