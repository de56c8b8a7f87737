namespace Im.Edge.Auth;

/// <summary>An access token and the moment it stops being accepted (give or take the clock skew allowance).</summary>
public sealed record IssuedToken(string AccessToken, DateTimeOffset ExpiresAt);
