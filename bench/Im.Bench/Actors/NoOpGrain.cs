using Im.Actors;

namespace Im.Bench.Actors;

/// <summary>
/// Does nothing. Also used outside the runtime as the baseline's plain object: it touches
/// none of the activation, so the same method runs on both sides.
/// </summary>
[GrainType("bench.noop")]
public sealed class NoOpGrain : Grain, INoOpGrain
{
    public Task PingAsync() => Task.CompletedTask;
}
