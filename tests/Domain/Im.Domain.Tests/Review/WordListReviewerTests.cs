using Im.Domain.Review;

namespace Im.Domain.Tests.Review;

public sealed class WordListReviewerTests
{
    [Fact]
    public void TextWithoutListWordsIsAllowedUnchanged()
    {
        var reviewer = Reviewer(new WordList("rude", ReviewPolicy.Mask, ["darn"]));

        var result = reviewer.Review("hello there, 你好");

        Assert.Equal((ReviewDecision.Allowed, "hello there, 你好", null), (result.Decision, result.Text, result.ListName));
        Assert.Empty(result.MatchedWords);
    }

    [Fact]
    public void LatinWordsMatchIgnoringCaseAndEveryMatchedCharIsMasked()
    {
        var reviewer = Reviewer(new WordList("rude", ReviewPolicy.Mask, ["Darn", "heck"]));

        var result = reviewer.Review("DARN it, what the HeCk, darn!");

        Assert.Equal((ReviewDecision.Masked, "**** it, what the ****, ****!", "rude"), (result.Decision, result.Text, result.ListName));
        Assert.Equal(["Darn", "heck"], result.MatchedWords.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ChineseWordsAreFoundInsideRunningTextAndMaskedCharByChar()
    {
        var reviewer = Reviewer(new WordList("zh", ReviewPolicy.Mask, ["混蛋", "笨蛋"]));

        var result = reviewer.Review("你这个混蛋和笨蛋蛋");

        Assert.Equal("你这个**和**蛋", result.Text);
        Assert.Equal(["混蛋", "笨蛋"], result.MatchedWords);
    }

    [Fact]
    public void OverlappingAndNestedWordsAreAllFound()
    {
        // "she" ends inside "hers" and "he" inside both: the automaton's fail and output
        // links must report every one of them from a single pass.
        var reviewer = Reviewer(new WordList("nested", ReviewPolicy.Mask, ["he", "she", "hers", "his"]));

        var result = reviewer.Review("ushers");

        Assert.Equal("u*****", result.Text);
        Assert.Equal(["he", "hers", "she"], result.MatchedWords.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ABlockListWordBlocksEvenWhenMaskWordsAreThereToo()
    {
        var reviewer = Reviewer(
            new WordList("rude", ReviewPolicy.Mask, ["darn"]),
            new WordList("banned", ReviewPolicy.Block, ["禁词"]));

        var result = reviewer.Review("darn, 这是禁词");

        Assert.Equal((ReviewDecision.Blocked, "banned"), (result.Decision, result.ListName));
        Assert.Equal(["禁词"], result.MatchedWords);
    }

    [Fact]
    public void ReplacingTheListsTakesEffectForTheNextReview()
    {
        var reviewer = Reviewer(new WordList("old", ReviewPolicy.Block, ["alpha"]));
        Assert.Equal(ReviewDecision.Blocked, reviewer.Review("alpha").Decision);

        reviewer.Replace([new WordList("new", ReviewPolicy.Mask, ["beta"])]);

        Assert.Equal(ReviewDecision.Allowed, reviewer.Review("alpha").Decision);
        Assert.Equal("****", reviewer.Review("beta").Text);
    }

    [Fact]
    public void ManyWordsAreMatchedInOnePassOverALongText()
    {
        var words = Enumerable.Range(0, 10_000).Select(i => $"w{i:D5}x").ToList();
        var reviewer = Reviewer(new WordList("many", ReviewPolicy.Mask, words));
        var text = string.Concat(Enumerable.Repeat("clean text ", 400)) + "w04242x";

        var result = reviewer.Review(text);

        Assert.Equal(["w04242x"], result.MatchedWords);
        Assert.EndsWith("*******", result.Text, StringComparison.Ordinal);
    }

    private static WordListReviewer Reviewer(params WordList[] lists)
    {
        var reviewer = new WordListReviewer();
        reviewer.Replace(lists);
        return reviewer;
    }
}
