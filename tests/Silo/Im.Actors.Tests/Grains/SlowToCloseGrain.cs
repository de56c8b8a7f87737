using Im.Actors.Tests.Support;

namespace Im.Actors.Tests.Grains;

public interface ISlowToCloseGrain : IGrain
{
    Task PingAsync();
}

/// <summary>Takes as long to deactivate as the probe says: a grain saving on its way out.</summary>
public sealed class SlowToCloseGrain(GrainProbe probe) : Grain, ISlowToCloseGrain
{
    public Task PingAsync() => Task.CompletedTask;

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Signal("closing");
        await probe.WaitAsync("may close");
    }
}
