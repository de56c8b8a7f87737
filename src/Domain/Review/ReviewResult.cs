namespace Im.Domain.Review;

/// <summary>
/// A review's outcome. <see cref="Text"/> is what may be stored (the masked text when
/// masked; the original otherwise). <see cref="ListName"/> names the list that decided
/// (the first blocking list, else the first masking one); <see cref="MatchedWords"/> are
/// the distinct list words found, in the lists' own spelling.
/// </summary>
public sealed record ReviewResult(ReviewDecision Decision, string Text, string? ListName, IReadOnlyList<string> MatchedWords)
{
    public static ReviewResult Allowed(string text) => new(ReviewDecision.Allowed, text, null, []);
}
