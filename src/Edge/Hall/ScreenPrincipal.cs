using System.Security.Claims;
using Im.Edge.Auth;

namespace Im.Edge.Hall;

/// <summary>A hall screen as its token names it.</summary>
public sealed record ScreenPrincipal(string ScreenId, string HallId, string? WindowId)
{
    /// <summary>The screen a principal is, or null for a member (or anyone else).</summary>
    public static ScreenPrincipal? Of(ClaimsPrincipal? principal) =>
        principal?.FindFirst(ImClaimTypes.ScreenId)?.Value is { Length: > 0 } screenId
        && principal.FindFirst(ImClaimTypes.HallId)?.Value is { Length: > 0 } hallId
            ? new ScreenPrincipal(screenId, hallId, principal.FindFirst(ImClaimTypes.WindowId)?.Value)
            : null;
}
