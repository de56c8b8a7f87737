using System.Security.Claims;

namespace Im.Edge.Auth;

/// <summary>
/// A member's identity as fields, with its claims made only when something asks for them.
/// </summary>
/// <remarks>
/// A hub connection keeps its identity for as long as it is open. Claim objects cost about
/// 90 bytes each, a connection has four, and Im's own reads (<see cref="ClaimsPrincipalExtensions"/>,
/// the hub's user id, role checks) take the fields instead. Framework code that enumerates
/// claims still sees the same claims as before: they are made once, on first use, and kept.
/// </remarks>
internal sealed class MemberIdentity : ClaimsIdentity
{
    private Claim[]? _claims;

    public MemberIdentity(string authenticationType, string memberId, string? displayName, string? orgId, string[] roles)
        : base(authenticationType, ImClaimTypes.MemberId, ImClaimTypes.Role)
    {
        ArgumentException.ThrowIfNullOrEmpty(memberId);
        ArgumentNullException.ThrowIfNull(roles);
        MemberId = memberId;
        DisplayName = displayName;
        OrgId = orgId;
        Roles = roles;
    }

    public string MemberId { get; }

    public string? DisplayName { get; }

    public string? OrgId { get; }

    /// <summary>Role names as the token listed them.</summary>
    public IReadOnlyList<string> Roles { get; }

    public override string Name => MemberId;

    public override IEnumerable<Claim> Claims => _claims ?? MakeClaims();

    // Types a member identity never holds (a hall screen's, say) are answered without making claims.
    public override Claim? FindFirst(string type) => Holds(type) ? base.FindFirst(type) : null;

    public override IEnumerable<Claim> FindAll(string type) => Holds(type) ? base.FindAll(type) : [];

    public override bool HasClaim(string type, string value) =>
        IsType(type, ImClaimTypes.Role) ? Roles.Contains(value, StringComparer.Ordinal) : Holds(type) && base.HasClaim(type, value);

    public override ClaimsIdentity Clone() => new MemberIdentity(AuthenticationType!, MemberId, DisplayName, OrgId, [.. Roles]);

    private Claim[] MakeClaims()
    {
        var claims = new List<Claim>(3 + Roles.Count) { Make(ImClaimTypes.MemberId, MemberId) };
        if (DisplayName is not null)
        {
            claims.Add(Make(ImClaimTypes.DisplayName, DisplayName));
        }

        if (OrgId is not null)
        {
            claims.Add(Make(ImClaimTypes.OrgId, OrgId));
        }

        claims.AddRange(Roles.Select(role => Make(ImClaimTypes.Role, role)));

        // Two threads may both make them; both lists are equal and one is kept.
        return Interlocked.CompareExchange(ref _claims, [.. claims], null) ?? _claims;
    }

    private static bool Holds(string? type) =>
        IsType(type, ImClaimTypes.MemberId) || IsType(type, ImClaimTypes.DisplayName) || IsType(type, ImClaimTypes.OrgId) || IsType(type, ImClaimTypes.Role);

    // As ClaimsIdentity compares claim types.
    private static bool IsType(string? type, string expected) => string.Equals(type, expected, StringComparison.OrdinalIgnoreCase);

    private Claim Make(string type, string value) =>
        new(type, value, ClaimValueTypes.String, ClaimsIdentity.DefaultIssuer, ClaimsIdentity.DefaultIssuer, this);
}
