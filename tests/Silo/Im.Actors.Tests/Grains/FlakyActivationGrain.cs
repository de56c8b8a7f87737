using Im.Actors.Tests.Support;

namespace Im.Actors.Tests.Grains;

public interface IFlakyActivationGrain : IGrain
{
    Task<string> PingAsync();
}

/// <summary>Fails to activate while the probe says so.</summary>
public sealed class FlakyActivationGrain(GrainProbe probe) : Grain, IFlakyActivationGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await probe.WaitAsync("activation may finish");
        if (Interlocked.Decrement(ref probe.FailActivationsRemaining) >= 0)
        {
            throw new InvalidOperationException("database unreachable");
        }
    }

    public Task<string> PingAsync() => Task.FromResult("pong");
}
