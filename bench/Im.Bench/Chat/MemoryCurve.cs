namespace Im.Bench.Chat;

/// <summary>One server's memory from no connections up through the steps, and where it stopped if it did.</summary>
/// <param name="Server">The server's name in the report.</param>
/// <param name="Zero">With no connections, after a warm-up of a few that were closed again.</param>
/// <param name="Steps">One point per step reached.</param>
/// <param name="Failure">Why the connections stopped short of the last step; null if they did not.</param>
/// <param name="Notes">Log lines, dropped connections, an unsettled server.</param>
public sealed record MemoryCurve(string Server, MemoryPoint Zero, IReadOnlyList<MemoryPoint> Steps, string? Failure, IReadOnlyList<string> Notes)
{
    /// <summary>(RSS with n − RSS with 0) / n in KB, for the step of <paramref name="connections"/>; NaN if not reached.</summary>
    public double KilobytesPerConnection(int connections, bool compared = true) =>
        Steps.FirstOrDefault(p => p.Connections == connections) is { } point
            ? ((compared ? point.Compared : point.Resident) - (compared ? Zero.Compared : Zero.Resident)) / 1024.0 / connections
            : double.NaN;

    /// <summary>As <see cref="KilobytesPerConnection"/>, from the readings after the idle wait (neither side's GC forced).</summary>
    public double IdleKilobytesPerConnection(int connections) =>
        Steps.FirstOrDefault(p => p.Connections == connections) is { } point
            ? (point.Idle - Zero.Idle) / 1024.0 / connections
            : double.NaN;

    /// <summary>The marginal cost between two steps, free of any one-time cost of the first connections.</summary>
    public double KilobytesPerConnectionBetween(int from, int to) =>
        Steps.FirstOrDefault(p => p.Connections == from) is { } a && Steps.FirstOrDefault(p => p.Connections == to) is { } b
            ? (b.Compared - a.Compared) / 1024.0 / (to - from)
            : double.NaN;

    public double Megabytes(int connections) =>
        (connections == 0 ? Zero : Steps.FirstOrDefault(p => p.Connections == connections)) is { } point ? point.Compared / 1048576.0 : double.NaN;
}
