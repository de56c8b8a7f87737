namespace Im.Hall.Halls;

/// <summary>
/// What <c>POST /api/halls</c> creates. <c>TimeZone</c> is an IANA id (default from
/// <see cref="HallOptions.DefaultTimeZone"/>); the hall's day, ticket numbering, opening
/// hours and statistics all follow it.
/// </summary>
public sealed record HallSetup(string Name, string? TimeZone = null);
