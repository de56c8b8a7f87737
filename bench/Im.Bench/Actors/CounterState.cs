namespace Im.Bench.Actors;

/// <summary>The state both sides of the storage scenarios serialize and write.</summary>
public sealed class CounterState
{
    public long Value { get; set; }
}
