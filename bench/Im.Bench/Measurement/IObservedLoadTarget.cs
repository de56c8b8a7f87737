namespace Im.Bench.Measurement;

/// <summary>
/// A target that sees more than its calls' completions: events its calls cause elsewhere,
/// such as a message reaching the other connections of a conversation. The runner tells it
/// when the measured window opens and closes, so those events are counted over the same
/// window as the calls.
/// </summary>
public interface IObservedLoadTarget : ILoadTarget
{
    /// <summary>The measured window opens: events from now on count.</summary>
    void StartObserving();

    /// <summary>
    /// The window closes: returns the latencies of the events seen since
    /// <see cref="StartObserving"/> (each from the start of the call that caused it); later
    /// ones are not counted. Null from a target that only watches the window (its CPU, say)
    /// and has no events of its own.
    /// </summary>
    LatencyRecorder? StopObserving();
}
