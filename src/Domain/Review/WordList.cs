namespace Im.Domain.Review;

/// <summary>A named list of words sharing one policy (from a file <c>&lt;name&gt;.&lt;block|mask&gt;.txt</c>).</summary>
public sealed record WordList(string Name, ReviewPolicy Policy, IReadOnlyList<string> Words);
