using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Im.Actors.Runtime;

/// <summary>
/// The one live instance of a grain in this runtime: its mailbox and the pump that feeds
/// it to the grain a turn at a time.
/// </summary>
/// <remarks>
/// Everything the pump and the grain do runs on <see cref="Scheduler"/>, one task at a time.
/// Callers on other threads only touch the mailbox, under <c>_lock</c>. A non-reentrant
/// grain gets its next call only when the previous call's task has completed; a reentrant
/// one gets calls as they come and interleaves them at await points.
/// </remarks>
internal sealed partial class Activation
{
    private readonly object _lock = new();
    private readonly Queue<WorkItem> _inbox = new();
    private ActivationStatus _status = ActivationStatus.Created;
    private bool _pumping;
    private DeactivationReason? _pendingDeactivation;
    private long _lastCallTimestamp;

    // The call a non-reentrant grain is running: set under _lock as it is dequeued, cleared
    // by the pump once answered. The deadline sweep reads it under _lock; a stale read finds
    // an answered call, which it leaves alone.
    private GrainRequest? _runningCall;

    public Activation(GrainRuntime runtime, GrainTypeInfo type, GrainId id)
    {
        Runtime = runtime;
        Type = type;
        Id = id;
        _lastCallTimestamp = runtime.TimeProvider.GetTimestamp();
    }

    public GrainRuntime Runtime { get; }

    public GrainTypeInfo Type { get; }

    public GrainId Id { get; }

    public ActivationScheduler Scheduler { get; } = new();

    public Grain? Instance { get; private set; }

    /// <summary>
    /// Queues work unless this activation is closing; the caller then waits for
    /// <see cref="Deactivated"/> and routes the work to the next activation.
    /// </summary>
    public bool TryEnqueue(WorkItem item)
    {
        lock (_lock)
        {
            if (_status >= ActivationStatus.Deactivating)
            {
                return false;
            }

            _inbox.Enqueue(item);
            if (item is GrainRequest)
            {
                _lastCallTimestamp = Runtime.TimeProvider.GetTimestamp();
            }

            Runtime.Metrics.Enqueued();
            StartPumpIfIdle();
            return true;
        }
    }

    /// <summary>Asks for deactivation after the running turn; safe from grain code and from the collector.</summary>
    public void RequestDeactivation(DeactivationReason reason)
    {
        lock (_lock)
        {
            if (_status >= ActivationStatus.Deactivating)
            {
                return;
            }

            _pendingDeactivation ??= reason;
            StartPumpIfIdle();
        }
    }

    /// <summary>Deactivates when nothing has called for <paramref name="idleTimeout"/> and nothing is queued or running.</summary>
    public bool TryCollectIfIdle(TimeSpan idleTimeout)
    {
        lock (_lock)
        {
            if (_status != ActivationStatus.Active || _pumping || _inbox.Count > 0 || Volatile.Read(ref _callsInFlight) > 0
                || Runtime.TimeProvider.GetElapsedTime(_lastCallTimestamp) < idleTimeout)
            {
                return false;
            }

            _pendingDeactivation ??= DeactivationReason.IdleTimeout;
            StartPumpIfIdle();
            return true;
        }
    }

    /// <summary>Adds the calls queued or running here that were sent at or before <paramref name="sentBy"/> and are still unanswered.</summary>
    public void CollectOverdue(long sentBy, List<GrainRequest> overdue)
    {
        lock (_lock)
        {
            foreach (var item in _inbox)
            {
                AddIfOverdue(item as GrainRequest, sentBy, overdue);
            }

            AddIfOverdue(_runningCall, sentBy, overdue);
            if (_interleavedCalls is { } running)
            {
                foreach (var call in running)
                {
                    AddIfOverdue(call, sentBy, overdue);
                }
            }
        }
    }

    private static void AddIfOverdue(GrainRequest? request, long sentBy, List<GrainRequest> overdue)
    {
        if (request is not null && request.SentAt <= sentBy && !request.IsAbandoned)
        {
            overdue.Add(request);
        }
    }

    private void StartPumpIfIdle()
    {
        if (_pumping)
        {
            return;
        }

        _pumping = true;
        WithoutFlow.Run(() => Task.Factory.StartNew(
            static state => ((Activation)state!).PumpAsync(),
            this,
            CancellationToken.None,
            TaskCreationOptions.DenyChildAttach,
            Scheduler));
    }

    private async Task PumpAsync()
    {
        try
        {
            await PumpCoreAsync();
        }
        catch (Exception error)
        {
            // A bug in the runtime, not in grain code (that is caught per call). Fail what
            // waits here and free the key rather than leave callers hanging.
            Runtime.Logger.LogCritical(error, "Mailbox pump of {Grain} crashed", Id);
            foreach (var orphan in Close())
            {
                (orphan as GrainRequest)?.Fail(error);
            }

            Finish();
        }
    }

    private async Task PumpCoreAsync()
    {
        if (_status == ActivationStatus.Created && !await ActivateAsync())
        {
            return;
        }

        while (true)
        {
            WorkItem? item = null;
            DeactivationReason? deactivation;
            lock (_lock)
            {
                deactivation = _pendingDeactivation;
                if (deactivation is null && !_inbox.TryDequeue(out item))
                {
                    _pumping = false;
                    return;
                }

                _runningCall = Type.IsReentrant ? null : item as GrainRequest;
            }

            if (deactivation is { } reason)
            {
                await DeactivateAsync(reason);
                return;
            }

            Runtime.Metrics.Dequeued();
            switch (item)
            {
                case GrainRequest request when Type.IsReentrant:
                    StartInterleavedCall(request);
                    break;
                case GrainRequest request:
                    await RunCallAsync(request);

                    // Without the lock: a sweep that still sees the answered call leaves it alone.
                    _runningCall = null;
                    break;
                case TimerTick tick:
                    await RunTimerAsync(tick.Timer);
                    break;
            }
        }
    }

    private async Task RunCallAsync(GrainRequest request)
    {
        if (request.IsAbandoned)
        {
            return;
        }

        // Scoped to this async method: the chain reverts when the call ends.
        RequestContext.Chain = new CallChain(Id, request.Chain);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await request.Method.Invoke(Instance!, request.Arguments);
            request.Complete(Runtime.Options.SerializeCalls ? CallCodec.CopyResult(request.Method, result) : result);
            Runtime.Metrics.CallCompleted(Type.Name, Stopwatch.GetElapsedTime(started), failed: false);
        }
        catch (Exception error)
        {
            if (error is Storage.InconsistentStateException)
            {
                RequestDeactivation(DeactivationReason.StateConflict);
            }

            request.Fail(error);
            Runtime.Metrics.CallCompleted(Type.Name, Stopwatch.GetElapsedTime(started), failed: true);
        }
        finally
        {
            _lastCallTimestamp = Runtime.TimeProvider.GetTimestamp();
        }
    }

    private async Task RunTimerAsync(GrainTimer timer)
    {
        if (timer.IsDisposed)
        {
            return;
        }

        RequestContext.Chain = new CallChain(Id, null);
        try
        {
            await timer.Callback(CancellationToken.None);
        }
        catch (Exception error)
        {
            Runtime.Logger.LogWarning(error, "Timer callback of {Grain} failed", Id);
        }
        finally
        {
            timer.TickDone();
        }
    }
}
