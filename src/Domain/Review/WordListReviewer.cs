namespace Im.Domain.Review;

/// <summary>
/// <see cref="IContentReviewer"/> over word lists: one automaton for all lists, replaced
/// whole by <see cref="Replace"/>. A block list match anywhere blocks the text; otherwise
/// mask list matches are masked, overlapping ones included.
/// </summary>
public sealed class WordListReviewer : IContentReviewer
{
    private const char MaskChar = '*';

    // Readers take one reference and use only it, so a swap in the middle of a review
    // cannot mix two generations of lists.
    private volatile WordMatcher _matcher = WordMatcher.Empty;

    /// <summary>The lists in force.</summary>
    public IReadOnlyList<WordList> Lists => _matcher.Lists;

    /// <summary>Builds an automaton for <paramref name="lists"/> and then swaps it in atomically.</summary>
    public void Replace(IReadOnlyList<WordList> lists) => _matcher = new WordMatcher(lists);

    public ReviewResult Review(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var matcher = _matcher;
        var matches = matcher.FindAll(text);
        if (matches.Count == 0)
        {
            return ReviewResult.Allowed(text);
        }

        var lists = matcher.Lists;
        var blocking = matches.Where(m => lists[m.ListIndex].Policy == ReviewPolicy.Block).ToList();
        if (blocking.Count > 0)
        {
            var first = blocking.MinBy(m => m.Start);
            return new ReviewResult(ReviewDecision.Blocked, text, lists[first.ListIndex].Name, Distinct(blocking));
        }

        var masked = text.ToCharArray();
        foreach (var match in matches)
        {
            masked.AsSpan(match.Start, match.Length).Fill(MaskChar);
        }

        var firstMask = matches.MinBy(m => m.Start);
        return new ReviewResult(ReviewDecision.Masked, new string(masked), lists[firstMask.ListIndex].Name, Distinct(matches));
    }

    private static string[] Distinct(List<WordMatch> matches) =>
        [.. matches.Select(m => m.Word).Distinct(StringComparer.Ordinal)];
}
