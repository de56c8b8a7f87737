namespace Im.Hall.Tickets;

/// <summary>A member's rating of a served ticket; one per ticket.</summary>
public sealed record Rating(RatingScore Score, string? Comment, DateTimeOffset RatedAt);
