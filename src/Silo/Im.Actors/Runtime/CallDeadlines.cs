using Microsoft.Extensions.Logging;

namespace Im.Actors.Runtime;

/// <summary>
/// Fails calls that have waited longer than the call timeout with
/// <see cref="GrainCallTimeoutException"/>: a sweep over the activations' queued and
/// running calls, and the calls on their way from a closing activation to the next,
/// instead of a timer per call.
/// </summary>
/// <remarks>
/// A call times out between one timeout and one sweep period after it was sent; the period
/// is a tenth of the timeout, between 10 ms and 1 s. A queued call that times out is dropped
/// unrun; a running one may still complete (the grain's token is cancelled), so callers
/// retry with an idempotency key. A sweep takes each activation's lock once, so it costs in
/// proportion to the activations, not to the calls.
/// </remarks>
internal sealed class CallDeadlines(GrainRuntime runtime)
{
    private static readonly TimeSpan ShortestPeriod = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan LongestPeriod = TimeSpan.FromSeconds(1);

    private readonly List<GrainRequest> _overdue = [];

    /// <summary>Sweeps every period until the loop is disposed.</summary>
    public PeriodicLoop Start()
    {
        var period = TimeSpan.FromTicks(Math.Clamp(runtime.Options.CallTimeout.Ticks / 10, ShortestPeriod.Ticks, LongestPeriod.Ticks));
        return new PeriodicLoop("Call deadline sweep", period, runtime.TimeProvider, runtime.Logger, _ =>
        {
            SweepOnce();
            return Task.CompletedTask;
        });
    }

    /// <summary>Fails every call sent a whole timeout ago or earlier that has no answer yet; returns how many.</summary>
    public int SweepOnce()
    {
        var timeout = runtime.Options.CallTimeout;
        var sentBy = runtime.TimeProvider.GetTimestamp() - (long)(timeout.TotalSeconds * runtime.TimeProvider.TimestampFrequency);
        foreach (var activation in runtime.Activations)
        {
            activation.CollectOverdue(sentBy, _overdue);
        }

        runtime.CollectOverdueRerouted(sentBy, _overdue);

        // Outside every activation's lock: abandoning cancels the grain's token, which runs
        // the grain's callbacks; one that throws does not keep the others' callers waiting.
        foreach (var request in _overdue)
        {
            try
            {
                request.Abandon(new GrainCallTimeoutException(request.Target, request.Method.Name, timeout));
            }
            catch (AggregateException error)
            {
                runtime.Logger.LogWarning(error, "A cancellation callback of {Grain} failed", request.Target);
            }
        }

        // Cleared now, not at the next sweep, so the failed calls are not kept alive until then.
        var count = _overdue.Count;
        _overdue.Clear();
        return count;
    }
}
