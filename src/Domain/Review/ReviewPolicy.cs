namespace Im.Domain.Review;

/// <summary>What a word list does to a text containing one of its words.</summary>
public enum ReviewPolicy
{
    /// <summary>The send is refused with <c>blocked</c> and nothing is stored.</summary>
    Block,

    /// <summary>Every char of each match is replaced by <c>*</c>; the masked text is stored and delivered.</summary>
    Mask,
}
