namespace Im.Actors.Tests.Grains;

public interface ISavingGrain : IGrain
{
    Task TouchAsync(int value);

    Task<int> GetAsync();
}

public sealed class SavingState
{
    public int Saved { get; set; }
}

/// <summary>Keeps its value in memory and saves it only when deactivated, as write-behind grains do.</summary>
[GrainType("test.saving")]
public sealed class SavingGrain : Grain<SavingState>, ISavingGrain
{
    private int _pending;

    public Task TouchAsync(int value)
    {
        _pending = value;
        return Task.CompletedTask;
    }

    public Task<int> GetAsync() => Task.FromResult(State.Saved);

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        State.Saved = _pending;
        await WriteStateAsync(cancellationToken);
    }
}
