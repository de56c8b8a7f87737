using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Claims;

namespace Im.Edge.Auth;

/// <summary>
/// The principal a request or a hub connection keeps after its token was validated: the
/// claims Im reads (<see cref="ImClaimTypes"/>) and nothing else, as a <see cref="MemberIdentity"/>.
/// </summary>
/// <remarks>
/// A hub connection holds its principal for as long as it is open. The one the token handler
/// builds holds the parsed token (its text several times over, the payload document, two
/// sets of claim objects with property bags): about 7 KB per connection, where these few
/// claims take a few hundred bytes. Members share a few sets of roles, so each set is kept once.
/// </remarks>
internal static class MemberPrincipal
{
    /// <summary>Past this many distinct sets of roles new ones are not shared; bounds the table against odd tokens.</summary>
    private const int MaxSharedRoleSets = 256;

    // Keyed by the roles joined by a line break; a shared set is only taken when it holds the same names.
    private static readonly ConcurrentDictionary<string, string[]> SharedRoleSets = new(StringComparer.Ordinal);

    /// <summary>A principal with the member's id, name, organization and roles from <paramref name="validated"/>.</summary>
    public static ClaimsPrincipal From(ClaimsPrincipal validated, string authenticationType)
    {
        ArgumentNullException.ThrowIfNull(validated);
        string? memberId = null, displayName = null, orgId = null;
        var roles = new List<string>(1);
        foreach (var claim in validated.Claims)
        {
            switch (claim.Type)
            {
                case ImClaimTypes.MemberId:
                    memberId ??= claim.Value;
                    break;
                case ImClaimTypes.DisplayName:
                    displayName ??= claim.Value;
                    break;
                case ImClaimTypes.OrgId:
                    orgId ??= claim.Value;
                    break;
                case ImClaimTypes.Role:
                    roles.Add(claim.Value);
                    break;
                default:
                    break;
            }
        }

        ArgumentException.ThrowIfNullOrEmpty(memberId, "validated");
        return new ClaimsPrincipal(new MemberIdentity(authenticationType, memberId, displayName, orgId, Shared(roles)));
    }

    private static string[] Shared(List<string> roles)
    {
        if (roles.Count == 0)
        {
            return [];
        }

        var key = string.Join('\n', roles);
        var shared = SharedRoleSets.TryGetValue(key, out var known) ? known
            : SharedRoleSets.Count < MaxSharedRoleSets ? SharedRoleSets.GetOrAdd(key, [.. roles])
            : null;
        return shared is not null && shared.AsSpan().SequenceEqual(CollectionsMarshal.AsSpan(roles)) ? shared : [.. roles];
    }
}
