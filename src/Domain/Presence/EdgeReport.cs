namespace Im.Domain.Presence;

/// <summary>An edge's latest count of a member's connections; a higher version replaces a lower one.</summary>
public sealed record EdgeReport(int Connections, long Version);
