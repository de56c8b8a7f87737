using Microsoft.Extensions.Logging;

namespace Im.Actors.Runtime;

internal sealed partial class Activation
{
    // Under _lock. Created by the first caller that waits: most activations are never waited
    // for, and one lives per connected member (a task and its source, about 90 bytes).
    private TaskCompletionSource? _deactivated;
    private bool _gone;

    // Created with the first timer: most grains never register one.
    private List<GrainTimer>? _timers;

    // Reentrant grains only; touched on the scheduler, read by the collector.
    private int _callsInFlight;
    private TaskCompletionSource? _callsDrained;

    // Reentrant grains only, under _lock: the calls running now, for the deadline sweep.
    private HashSet<GrainRequest>? _interleavedCalls;

    /// <summary>Completes when this activation has left the directory for good.</summary>
    public Task Deactivated
    {
        get
        {
            lock (_lock)
            {
                return _gone ? Task.CompletedTask : (_deactivated ??= new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }
        }
    }

    public IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new GrainTimer(this, callback, dueTime, period, Runtime.TimeProvider);
        (_timers ??= []).Add(timer);
        return timer;
    }

    private async Task<bool> ActivateAsync()
    {
        try
        {
            var grain = Type.Create(Runtime.Services);
            grain.Attach(this);
            Instance = grain;
            using var timeout = new CancellationTokenSource(Runtime.Options.CallTimeout, Runtime.TimeProvider);
            RequestContext.Chain = new CallChain(Id, null);
            await grain.LoadStateAsync(timeout.Token);
            await grain.OnActivateAsync(timeout.Token);
            lock (_lock)
            {
                _status = ActivationStatus.Active;
            }

            Runtime.Metrics.Activated(Type.Name);
            return true;
        }
        catch (Exception cause)
        {
            Runtime.Logger.LogWarning(cause, "Activation of {Grain} failed", Id);
            var error = new GrainActivationException(Id, cause);
            foreach (var orphan in Close())
            {
                (orphan as GrainRequest)?.Fail(error);
            }

            Finish();
            return false;
        }
    }

    private void StartInterleavedCall(GrainRequest request)
    {
        Interlocked.Increment(ref _callsInFlight);
        lock (_lock)
        {
            (_interleavedCalls ??= []).Add(request);
        }

        _ = TrackInterleavedCallAsync(request);
    }

    private async Task TrackInterleavedCallAsync(GrainRequest request)
    {
        try
        {
            await RunCallAsync(request);
        }
        finally
        {
            lock (_lock)
            {
                _interleavedCalls!.Remove(request);
            }

            if (Interlocked.Decrement(ref _callsInFlight) == 0)
            {
                _callsDrained?.TrySetResult();
            }
        }
    }

    private async Task DeactivateAsync(DeactivationReason reason)
    {
        var leftovers = Close();
        if (Volatile.Read(ref _callsInFlight) > 0)
        {
            _callsDrained = new TaskCompletionSource();
            if (Volatile.Read(ref _callsInFlight) > 0)
            {
                await _callsDrained.Task;
            }
        }

        try
        {
            using var timeout = new CancellationTokenSource(Runtime.Options.CallTimeout, Runtime.TimeProvider);
            RequestContext.Chain = new CallChain(Id, null);
            await Instance!.OnDeactivateAsync(reason, timeout.Token);
        }
        catch (Exception error)
        {
            Runtime.Logger.LogWarning(error, "OnDeactivateAsync of {Grain} failed", Id);
        }

        Runtime.Metrics.Deactivated(Type.Name, reason);
        Finish(leftovers, reason);
    }

    /// <summary>Stops taking work and hands back what was queued.</summary>
    private List<WorkItem> Close()
    {
        lock (_lock)
        {
            _status = ActivationStatus.Deactivating;
            _pumping = false;
            var leftovers = _inbox.ToList();
            _inbox.Clear();
            Runtime.Metrics.Dequeued(leftovers.Count);
            return leftovers;
        }
    }

    /// <summary>
    /// Leaves the directory, then sends queued calls on to a fresh activation before anyone
    /// waiting on <see cref="Deactivated"/> retries, so the calls keep their order.
    /// </summary>
    private void Finish(List<WorkItem>? leftovers = null, DeactivationReason reason = DeactivationReason.Requested)
    {
        foreach (var timer in _timers ?? [])
        {
            timer.Dispose();
        }

        lock (_lock)
        {
            _status = ActivationStatus.Deactivated;
        }

        Runtime.Remove(this);
        foreach (var request in (leftovers ?? []).OfType<GrainRequest>())
        {
            if (reason == DeactivationReason.RuntimeStopping)
            {
                request.Fail(new RuntimeStoppedException());
            }
            else
            {
                Runtime.Dispatch(request);
            }
        }

        TaskCompletionSource? waiting;
        lock (_lock)
        {
            _gone = true;
            waiting = _deactivated;
        }

        waiting?.TrySetResult();
    }
}
