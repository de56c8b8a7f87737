using Im.Actors;

namespace Im.Bench.Actors;

/// <summary>A grain that does nothing, so a call measures the runtime alone. One turn at a time per key.</summary>
public interface INoOpGrain : IGrain
{
    Task PingAsync();
}
