using System.Collections.Concurrent;
using System.Security.Claims;

namespace Im.Edge.Auth;

/// <summary>
/// The principal a request or a hub connection keeps after its token was validated: the
/// claims Im reads (<see cref="ImClaimTypes"/>) and nothing else.
/// </summary>
/// <remarks>
/// A hub connection holds its principal for as long as it is open. The one the token handler
/// builds holds the parsed token (its text several times over, the payload document, two
/// sets of claim objects with property bags): about 7 KB per connection, where these few
/// claims take a few hundred bytes. Role names repeat across members, so each is kept once.
/// </remarks>
internal static class MemberPrincipal
{
    /// <summary>Past this many distinct role names new ones are not shared; bounds the table against odd tokens.</summary>
    private const int MaxSharedRoles = 256;

    private static readonly ConcurrentDictionary<string, string> SharedRoles = new(StringComparer.Ordinal);

    /// <summary>A principal with the member's id, name, organization and roles from <paramref name="validated"/>.</summary>
    public static ClaimsPrincipal From(ClaimsPrincipal validated, string authenticationType)
    {
        ArgumentNullException.ThrowIfNull(validated);
        var claims = new List<Claim>(4);
        foreach (var claim in validated.Claims)
        {
            switch (claim.Type)
            {
                case ImClaimTypes.MemberId:
                    claims.Add(new Claim(ImClaimTypes.MemberId, claim.Value));
                    break;
                case ImClaimTypes.DisplayName:
                    claims.Add(new Claim(ImClaimTypes.DisplayName, claim.Value));
                    break;
                case ImClaimTypes.OrgId:
                    claims.Add(new Claim(ImClaimTypes.OrgId, claim.Value));
                    break;
                case ImClaimTypes.Role:
                    claims.Add(new Claim(ImClaimTypes.Role, Shared(claim.Value)));
                    break;
                default:
                    break;
            }
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ImClaimTypes.MemberId, ImClaimTypes.Role));
    }

    private static string Shared(string role) =>
        SharedRoles.TryGetValue(role, out var shared) ? shared
            : SharedRoles.Count < MaxSharedRoles ? SharedRoles.GetOrAdd(role, role)
            : role;
}
