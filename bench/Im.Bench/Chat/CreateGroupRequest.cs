namespace Im.Bench.Chat;

/// <summary>Im's createGroup argument.</summary>
public sealed record CreateGroupRequest(string Title, IReadOnlyList<string> MemberIds);
