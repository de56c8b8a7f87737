namespace Im.Domain.Chat;

/// <summary>A page of <c>getReadBy</c>: members whose id sorts after <paramref name="After"/> (ordinal), at most <paramref name="Limit"/>.</summary>
public sealed record ReadByQuery(long Seq, int? Limit = null, string? After = null);
