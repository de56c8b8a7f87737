namespace Im.Domain.Review;

/// <summary>One occurrence of a list word in a text: its char range and the list it came from.</summary>
internal readonly record struct WordMatch(int Start, int Length, int ListIndex, string Word);
