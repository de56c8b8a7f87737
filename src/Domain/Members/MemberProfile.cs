namespace Im.Domain.Members;

/// <summary>A member as the rest of the platform sees it.</summary>
public sealed record MemberProfile(
    string MemberId,
    string DisplayName,
    string? OrgId,
    IReadOnlyList<string> Roles,
    bool Disabled = false,
    DateTimeOffset? CreatedAt = null);
