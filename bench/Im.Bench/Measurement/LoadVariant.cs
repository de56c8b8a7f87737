namespace Im.Bench.Measurement;

/// <summary>One side of a comparison: a name and how to build a fresh target for a run.</summary>
public sealed record LoadVariant(string Name, Func<CancellationToken, Task<ILoadTarget>> CreateAsync);
