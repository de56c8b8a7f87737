namespace Im.Actors;

/// <summary>
/// The grain type's stored name. State rows and reminders are keyed by it, so it must never
/// change once data exists; without the attribute the class name is used.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
