using Im.Actors;

namespace Im.Bench.Actors;

/// <summary>Adds one and writes the state before answering, as a grain that acks durably does.</summary>
[GrainType(TypeName)]
public sealed class CounterGrain : Grain<CounterState>, ICounterGrain
{
    /// <summary>The stored type name; the baseline writes its rows under the same one.</summary>
    public const string TypeName = "bench.counter";

    public async Task<long> IncrementAsync()
    {
        State.Value++;
        await WriteStateAsync();
        return State.Value;
    }
}
