using System.Security.Claims;

namespace Im.Edge.Auth;

/// <summary>Reads the caller out of an authenticated principal (REST <c>HttpContext.User</c>, hub <c>Context.User</c>).</summary>
public static class ClaimsPrincipalExtensions
{
    /// <summary>
    /// The caller's member id. Authentication only lets through tokens of members that exist and
    /// are not disabled (checked at most <see cref="AuthOptions.MemberStatusCacheDuration"/> ago).
    /// </summary>
    /// <exception cref="InvalidOperationException">The principal is not an authenticated member (an endpoint that allows anonymous callers asked).</exception>
    public static string MemberId(this ClaimsPrincipal principal)
    {
        return principal.FindMemberId() ?? throw new InvalidOperationException("The caller is not an authenticated member.");
    }

    /// <summary>The caller's member id, or null for a principal that names no member (a hall screen, an anonymous caller).</summary>
    public static string? FindMemberId(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.Identity is MemberIdentity member ? member.MemberId : principal.FindFirst(ImClaimTypes.MemberId)?.Value;
    }

    /// <summary>The caller's organization as the token states it, or null.</summary>
    public static string? OrgId(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.Identity is MemberIdentity member ? member.OrgId : principal.FindFirst(ImClaimTypes.OrgId)?.Value;
    }

    /// <summary>The roles the token grants, as issued (when the token was issued, not now).</summary>
    public static IReadOnlyList<string> Roles(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var roles = principal.Identity is MemberIdentity member ? member.Roles : principal.FindAll(ImClaimTypes.Role).Select(c => c.Value);
        return [.. roles.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Whether the caller holds <paramref name="role"/>; <see cref="ImRoles.Admin"/> holds every role.</summary>
    public static bool HasRole(this ClaimsPrincipal principal, string role)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentException.ThrowIfNullOrEmpty(role);
        return principal.HasClaim(ImClaimTypes.Role, ImRoles.Admin) || principal.HasClaim(ImClaimTypes.Role, role);
    }

    /// <summary>Whether the caller has every administrative right.</summary>
    public static bool IsAdmin(this ClaimsPrincipal principal) => principal.HasRole(ImRoles.Admin);
}
