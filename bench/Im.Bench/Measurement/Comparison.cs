namespace Im.Bench.Measurement;

/// <summary>
/// The outcome of a scenario: baseline and subject measured in the same process, or the
/// reason it was not run. Ratios are subject / baseline. A closed-loop scenario has both
/// sides' <see cref="ScenarioResult"/>s; any scenario may add <see cref="Figures"/> of its
/// own (memory per connection, deliveries per second), the goals they are held to, and notes.
/// </summary>
public sealed class Comparison
{
    private Comparison(string name, string description, LoadSettings? settings, ScenarioResult? baseline, ScenarioResult? subject, string? notRunReason)
    {
        Name = name;
        Description = description;
        Settings = settings;
        Baseline = baseline;
        Subject = subject;
        NotRunReason = notRunReason;
    }

    public string Name { get; }

    public string Description { get; }

    /// <summary>The closed loop that produced <see cref="Baseline"/> and <see cref="Subject"/>, if one did.</summary>
    public LoadSettings? Settings { get; }

    public ScenarioResult? Baseline { get; }

    public ScenarioResult? Subject { get; }

    public string? NotRunReason { get; }

    public IReadOnlyList<Figure> Figures { get; private init; } = [];

    public IReadOnlyList<Goal> Goals { get; private init; } = [];

    /// <summary>What was seen besides the figures: errors, limits reached, server log lines.</summary>
    public IReadOnlyList<string> Notes { get; private init; } = [];

    /// <summary>Above 1 the subject moves more calls per second than the baseline.</summary>
    public double ThroughputRatio => Ratio(r => r.CallsPerSecond);

    /// <summary>Above 1 the subject's median call is slower than the baseline's.</summary>
    public double P50Ratio => Ratio(r => r.P50Microseconds);

    public double P99Ratio => Ratio(r => r.P99Microseconds);

    public static Comparison Measured(ScenarioDefinition scenario, ScenarioResult baseline, ScenarioResult subject)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return new(scenario.Name, scenario.Description, scenario.Settings, baseline, subject, null);
    }

    /// <summary>A scenario measured by other means than a closed loop: its figures say it all.</summary>
    public static Comparison OfFigures(string name, string description, IReadOnlyList<Figure> figures) =>
        new(name, description, null, null, null, null) { Figures = figures };

    public static Comparison NotRun(ScenarioDefinition scenario, string reason)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return new(scenario.Name, scenario.Description, scenario.Settings, null, null, reason);
    }

    public static Comparison NotRun(string name, string description, string reason) => new(name, description, null, null, null, reason);

    /// <summary>This comparison with figures, goals and notes added to its own.</summary>
    public Comparison With(IReadOnlyList<Figure>? figures = null, IReadOnlyList<Goal>? goals = null, IReadOnlyList<string>? notes = null) =>
        new(Name, Description, Settings, Baseline, Subject, NotRunReason)
        {
            Figures = [.. Figures, .. figures ?? []],
            Goals = [.. Goals, .. goals ?? []],
            Notes = [.. Notes, .. notes ?? []],
        };

    private double Ratio(Func<ScenarioResult, double> figure) =>
        Baseline is null || Subject is null ? double.NaN : figure(Subject) / figure(Baseline);
}
