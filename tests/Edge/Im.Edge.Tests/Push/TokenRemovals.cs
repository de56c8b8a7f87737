using System.Diagnostics.Metrics;

namespace Im.Edge.Tests.Push;

/// <summary>
/// Completes when this host's push dispatcher has removed a token FCM reported as
/// unregistered: it counts on <c>im.push.tokens.removed</c> only after the registry dropped
/// the token, so the counter is the event to wait for.
/// </summary>
internal sealed class TokenRemovals : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TokenRemovals(IMeterFactory hostMeters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == hostMeters && instrument.Name == "im.push.tokens.removed")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, _, _, _) => _first.TrySetResult());
        _listener.Start();
    }

    public Task First => _first.Task;

    public void Dispose() => _listener.Dispose();
}
