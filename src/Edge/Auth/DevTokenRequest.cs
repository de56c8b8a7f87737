namespace Im.Edge.Auth;

/// <summary>Body of <c>POST /api/dev/token</c>: the member to create or update, and sign in as.</summary>
public sealed record DevTokenRequest(string? MemberId, string? DisplayName, string? OrgId, IReadOnlyList<string?>? Roles);
