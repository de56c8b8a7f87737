using System.Collections.Concurrent;

namespace Im.Actors.Tests.Support;

/// <summary>
/// What test grains report to the test: activations, deactivations, turn overlap, signals.
/// One per runtime (a singleton in its container), shareable between runtimes.
/// </summary>
public sealed class GrainProbe
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _signals = new();
    private int _inTurn;
    private int _overlaps;

    public int Activations;
    public int Deactivations;
    public int FailActivationsRemaining;

    public ConcurrentQueue<string> Events { get; } = new();

    public int Overlaps => Volatile.Read(ref _overlaps);

    /// <summary>Marks the start of a synchronous turn segment; two at once is an overlap.</summary>
    public void EnterTurn()
    {
        if (Interlocked.Increment(ref _inTurn) > 1)
        {
            Interlocked.Increment(ref _overlaps);
        }
    }

    public void ExitTurn() => Interlocked.Decrement(ref _inTurn);

    public void Signal(string name, string value = "") => Waiter(name).TrySetResult(value);

    public Task<string> WaitAsync(string name) => Waiter(name).Task;

    private TaskCompletionSource<string> Waiter(string name) =>
        _signals.GetOrAdd(name, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));
}
