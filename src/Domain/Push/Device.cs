namespace Im.Domain.Push;

/// <summary>A registered push token of one of a member's devices.</summary>
public sealed record Device(string Token, DevicePlatform Platform, DateTimeOffset RegisteredAt);
