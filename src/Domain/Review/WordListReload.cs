namespace Im.Domain.Review;

/// <summary>The outcome of a reload: the lists now in force, and the error when the files were refused.</summary>
public sealed record WordListReload(bool Succeeded, IReadOnlyList<WordList> Lists, string? Error);
