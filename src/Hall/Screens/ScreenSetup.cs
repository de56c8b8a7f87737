namespace Im.Hall.Screens;

/// <summary>A screen to register: a hall screen (no window) or a window's own screen.</summary>
public sealed record ScreenSetup(string? Name = null, string? WindowId = null);
