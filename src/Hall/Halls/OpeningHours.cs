namespace Im.Hall.Halls;

/// <summary>One opening period of a day, local <c>"HH:mm"</c> times, <c>From</c> inclusive and <c>To</c> exclusive.</summary>
public sealed record OpeningHours(string From, string To);
