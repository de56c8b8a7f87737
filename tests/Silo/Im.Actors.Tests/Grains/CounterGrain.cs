using Im.Actors.Tests.Support;

namespace Im.Actors.Tests.Grains;

public interface ICounterGrain : IGrain
{
    Task<int> IncrementAsync();

    Task<int> GetAsync();

    Task DeactivateAsync();
}

public sealed class CounterState
{
    public int Value { get; set; }
}

/// <summary>A durable counter: every increment is written before it is acknowledged.</summary>
[GrainType("test.counter")]
public sealed class CounterGrain(GrainProbe probe) : Grain<CounterState>, ICounterGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref probe.Activations);
        probe.Events.Enqueue($"activate {GrainKey} at {State.Value}");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref probe.Deactivations);
        probe.Events.Enqueue($"deactivate {GrainKey} {reason}");
        probe.Signal($"deactivated {GrainKey} #{probe.Deactivations}", reason.ToString());
        return Task.CompletedTask;
    }

    public async Task<int> IncrementAsync()
    {
        State.Value++;
        await WriteStateAsync();
        return State.Value;
    }

    public Task<int> GetAsync() => Task.FromResult(State.Value);

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
