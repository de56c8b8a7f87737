namespace Im.Edge.Hall;

/// <summary>Body of <c>POST /api/halls</c>: <c>timeZone</c> is an IANA id, the server's <c>Hall:DefaultTimeZone</c> when absent.</summary>
public sealed record CreateHallRequest(string? HallId, string? Name, string? TimeZone);
