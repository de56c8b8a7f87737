namespace Im.Actors.Tests.Support;

/// <summary>Marks deliberately invalid test grains that the test runtime must not register.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ExcludeFromScanAttribute : Attribute;
