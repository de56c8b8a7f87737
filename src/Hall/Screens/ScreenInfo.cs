namespace Im.Hall.Screens;

/// <summary>A registered screen.</summary>
public sealed record ScreenInfo(string ScreenId, string HallId, string? Name, string? WindowId, DateTimeOffset CreatedAt);
