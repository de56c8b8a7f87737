namespace Im.Actors;

/// <summary>
/// A serializable handle to an observer. Grains keep these (not object references), so a
/// subscription is plain data that can cross a process boundary.
/// </summary>
public readonly record struct ObserverId(string Value)
{
    public static ObserverId New() => new(Guid.NewGuid().ToString("N"));

    public override string ToString() => Value;
}
