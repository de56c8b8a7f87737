namespace Im.Actors.Tests.Grains;

public interface IRelayGrain : IGrain
{
    /// <summary>Calls the next key of the path (on the same grain type) and appends its own key.</summary>
    Task<string> RelayAsync(string[] path, int position);
}

/// <summary>Non-reentrant: a path that comes back to a grain on it must fail, not hang.</summary>
public sealed class RelayGrain : Grain, IRelayGrain
{
    public async Task<string> RelayAsync(string[] path, int position)
    {
        if (position + 1 >= path.Length)
        {
            return GrainKey;
        }

        var rest = await GrainFactory.GetGrain<IRelayGrain>(path[position + 1]).RelayAsync(path, position + 1);
        return $"{GrainKey}>{rest}";
    }
}

public interface IReentrantRelayGrain : IGrain
{
    Task<string> RelayAsync(string[] path, int position);
}

/// <summary>The same relay, reentrant: a path through itself completes.</summary>
[Reentrant]
public sealed class ReentrantRelayGrain : Grain, IReentrantRelayGrain
{
    public async Task<string> RelayAsync(string[] path, int position)
    {
        if (position + 1 >= path.Length)
        {
            return GrainKey;
        }

        var rest = await GrainFactory.GetGrain<IReentrantRelayGrain>(path[position + 1]).RelayAsync(path, position + 1);
        return $"{GrainKey}>{rest}";
    }
}
