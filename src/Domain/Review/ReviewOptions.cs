namespace Im.Domain.Review;

/// <summary>Content review settings (configuration section <c>Review</c>).</summary>
public sealed class ReviewOptions
{
    public const string SectionName = "Review";

    /// <summary>
    /// Directory of the word list files; empty means the host's default
    /// (<c>&lt;Storage:DataDirectory&gt;/wordlists</c>). Created when missing.
    /// </summary>
    public string? WordListDirectory { get; set; }

    /// <summary>Whether changes to the directory are picked up by a file watcher, besides the admin reload endpoint.</summary>
    public bool WatchDirectory { get; set; } = true;
}
