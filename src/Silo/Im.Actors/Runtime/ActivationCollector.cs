namespace Im.Actors.Runtime;

/// <summary>Deactivates activations that have had no call for the idle time, and forgets collected observers.</summary>
internal sealed class ActivationCollector(GrainRuntime runtime)
{
    /// <summary>Runs until stopped. The timer exists when this returns, so a test clock can drive it.</summary>
    public Task RunAsync(CancellationToken stopping)
    {
        var timer = new PeriodicTimer(runtime.Options.CollectionInterval, runtime.TimeProvider);
        return LoopAsync(timer, stopping);
    }

    /// <summary>Starts deactivating every idle activation; returns how many.</summary>
    public int CollectOnce()
    {
        var collected = runtime.Activations.Count(a => a.TryCollectIfIdle(runtime.Options.IdleTimeout));
        runtime.Observers.Sweep();
        return collected;
    }

    private async Task LoopAsync(PeriodicTimer timer, CancellationToken stopping)
    {
        using (timer)
        {
            try
            {
                while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
                {
                    CollectOnce();
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
            }
        }
    }
}
