using Im.Actors.Tests.Support;

namespace Im.Actors.Tests.Grains;

public interface ITurnGrain : IGrain
{
    /// <summary>Read, yield, write: loses updates unless calls run one at a time.</summary>
    Task<int> IncrementAsync();

    Task<int> GetAsync();

    Task<int> GetActivationNumberAsync();
}

/// <summary>A counter kept in memory whose increment spans an await, to catch interleaving.</summary>
public sealed class TurnGrain(GrainProbe probe) : Grain, ITurnGrain
{
    private int _count;
    private int _activationNumber;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _activationNumber = Interlocked.Increment(ref probe.Activations);
        return Task.CompletedTask;
    }

    public async Task<int> IncrementAsync()
    {
        probe.EnterTurn();
        var seen = _count;
        probe.ExitTurn();
        await Task.Yield();
        probe.EnterTurn();
        _count = seen + 1;
        probe.ExitTurn();
        return _count;
    }

    public Task<int> GetAsync() => Task.FromResult(_count);

    public Task<int> GetActivationNumberAsync() => Task.FromResult(_activationNumber);
}
