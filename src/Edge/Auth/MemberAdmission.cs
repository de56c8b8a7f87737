using System.Security.Claims;

namespace Im.Edge.Auth;

/// <summary>
/// What a token with a valid signature still needs before it may act: a member id, and a
/// member who exists and is not disabled. Asked on every request and on every hub connection,
/// through <see cref="MemberAccessCache"/>.
/// </summary>
internal static class MemberAdmission
{
    /// <summary>The principal to keep (<see cref="MemberPrincipal"/>), or why the token is refused.</summary>
    public static async ValueTask<(ClaimsPrincipal? Principal, string? Refusal)> AdmitAsync(ClaimsPrincipal? validated, string authenticationType, MemberAccessCache access)
    {
        ArgumentNullException.ThrowIfNull(access);
        var memberId = validated?.FindFirst(ImClaimTypes.MemberId)?.Value;
        if (string.IsNullOrEmpty(memberId))
        {
            return (null, "The token names no member.");
        }

        return await access.IsActiveAsync(memberId).ConfigureAwait(false)
            ? (MemberPrincipal.From(validated!, authenticationType), null)
            : (null, "The member does not exist or is disabled.");
    }
}
