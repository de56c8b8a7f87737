using Im.Actors;

namespace Im.Bench.Actors;

/// <summary>A durable counter: an increment returns only once the new value is in storage.</summary>
public interface ICounterGrain : IGrain
{
    Task<long> IncrementAsync();
}
