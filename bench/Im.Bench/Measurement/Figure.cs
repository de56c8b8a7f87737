namespace Im.Bench.Measurement;

/// <summary>
/// One figure of a scenario measured on both sides, named with its unit. NaN on a side
/// means that side has no such figure (the baseline has no durable write to time, say).
/// </summary>
public sealed record Figure(string Name, double Baseline, double Subject)
{
    /// <summary>Subject / baseline; NaN when either side has no figure.</summary>
    public double Ratio => Subject / Baseline;
}
