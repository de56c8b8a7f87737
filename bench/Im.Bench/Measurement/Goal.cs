namespace Im.Bench.Measurement;

/// <summary>A target the project set for a scenario, and whether this run met it.</summary>
/// <param name="Statement">The goal as quoted, e.g. "Im ≥ 0.5 × the bare hub's echo rate".</param>
/// <param name="Met">False also when the figure could not be measured.</param>
/// <param name="Evidence">The measured figure the verdict rests on.</param>
public sealed record Goal(string Statement, bool Met, string Evidence);
