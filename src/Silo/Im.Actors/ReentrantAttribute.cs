namespace Im.Actors;

/// <summary>
/// Lets a grain's calls interleave at their await points. Turns still never run in
/// parallel: every continuation runs on the activation's exclusive scheduler. Opt in only
/// when the grain's state stays consistent across awaits.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ReentrantAttribute : Attribute;
