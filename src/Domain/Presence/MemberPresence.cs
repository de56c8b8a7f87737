namespace Im.Domain.Presence;

/// <summary>
/// The <c>presence</c> event and a <c>getPresence</c> row. <paramref name="LastSeen"/>: when the
/// member's last connection closed; null while online or when never seen offline.
/// </summary>
public sealed record MemberPresence(string MemberId, PresenceStatus Status, DateTimeOffset? LastSeen);
