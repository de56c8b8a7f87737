using Im.Actors.Tests.Support;

namespace Im.Actors.Tests.Grains;

public interface ISlowGrain : IGrain
{
    /// <summary>Blocks until the probe releases it or the call is cancelled.</summary>
    Task<string> HangAsync(string tag, CancellationToken cancellationToken);

    /// <summary>Blocks until the probe releases it, deaf to cancellation.</summary>
    Task<string> StallAsync(string tag);

    Task<string> QuickAsync(string tag);
}

public sealed class SlowGrain(GrainProbe probe) : Grain, ISlowGrain
{
    public async Task<string> HangAsync(string tag, CancellationToken cancellationToken)
    {
        probe.Signal($"hanging {tag}");
        try
        {
            await probe.WaitAsync("release").WaitAsync(cancellationToken);
            return tag;
        }
        catch (OperationCanceledException)
        {
            probe.Signal($"cancelled {tag}");
            throw;
        }
    }

    public async Task<string> StallAsync(string tag)
    {
        probe.Signal($"stalling {tag}");
        await probe.WaitAsync("release");
        return tag;
    }

    public Task<string> QuickAsync(string tag)
    {
        probe.Events.Enqueue($"quick {tag}");
        return Task.FromResult(tag);
    }
}

public interface IReentrantSlowGrain : IGrain
{
    /// <summary>Blocks until the probe releases it, deaf to cancellation; other calls go on meanwhile.</summary>
    Task<string> StallAsync(string tag);
}

[Reentrant]
public sealed class ReentrantSlowGrain(GrainProbe probe) : Grain, IReentrantSlowGrain
{
    public async Task<string> StallAsync(string tag)
    {
        probe.Signal($"stalling {tag}");
        await probe.WaitAsync("release");
        return tag;
    }
}
