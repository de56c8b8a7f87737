namespace Im.Domain.Review;

/// <summary>
/// Decides what happens to a message text before it is stored: allowed as is, stored
/// masked, or blocked.
/// </summary>
/// <remarks>
/// Guarantees: pure and thread-safe; it never does I/O, so a conversation may call it
/// inside its turn. Each call sees one whole set of word lists: a reload swaps the set
/// atomically, so a text is never judged by half an old and half a new list.
/// </remarks>
public interface IContentReviewer
{
    ReviewResult Review(string text);
}
