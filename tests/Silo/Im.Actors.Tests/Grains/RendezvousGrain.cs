using Im.Actors.Tests.Support;

namespace Im.Actors.Tests.Grains;

public interface IRendezvousGrain : IGrain
{
    /// <summary>Waits until <paramref name="expected"/> callers are inside at once.</summary>
    Task<int> MeetAsync(int expected);
}

/// <summary>
/// Reentrant: calls may all be waiting inside at once, which a non-reentrant grain would
/// never allow. Still, their synchronous segments must never overlap.
/// </summary>
[Reentrant]
public sealed class RendezvousGrain(GrainProbe probe) : Grain, IRendezvousGrain
{
    private readonly TaskCompletionSource _allArrived = new();
    private int _arrived;

    public async Task<int> MeetAsync(int expected)
    {
        probe.EnterTurn();
        var me = ++_arrived;
        if (me == expected)
        {
            _allArrived.TrySetResult();
        }

        Thread.SpinWait(1000);
        probe.ExitTurn();
        await _allArrived.Task;
        return me;
    }
}
