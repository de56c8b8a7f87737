namespace Im.Bench.BareHub;

/// <summary>The managed heap after a forced collection: live bytes and what the collector holds from the OS.</summary>
public sealed record GcFigures(long HeapBytes, long CommittedBytes);
