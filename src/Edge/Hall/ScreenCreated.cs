namespace Im.Edge.Hall;

/// <summary>
/// Answer of <c>POST /api/halls/{hallId}/screens</c>: the contract's <c>{screenId, accessToken}</c>,
/// plus the token's expiry, the screen's hall, name and window, and the display page's path.
/// </summary>
public sealed record ScreenCreated(
    string ScreenId,
    string AccessToken,
    DateTimeOffset ExpiresAt,
    string HallId,
    string? Name,
    string? WindowId,
    string DisplayPath);
