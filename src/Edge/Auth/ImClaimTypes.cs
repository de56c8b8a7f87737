namespace Im.Edge.Auth;

/// <summary>
/// The claim names of Im access tokens, as they appear in the JWT: inbound claim mapping is
/// off, so these are also the claim types on <see cref="System.Security.Claims.ClaimsPrincipal"/>.
/// </summary>
public static class ImClaimTypes
{
    /// <summary>The member id; also the principal's name.</summary>
    public const string MemberId = "sub";

    public const string DisplayName = "name";

    /// <summary>The member's organization, absent when the member has none.</summary>
    public const string OrgId = "org";

    /// <summary>One claim per role.</summary>
    public const string Role = "role";

    /// <summary>A hall screen's id: present only in screen tokens, which name no member.</summary>
    public const string ScreenId = "screen";

    /// <summary>The hall a screen token is for.</summary>
    public const string HallId = "hall";

    /// <summary>The window a screen token is for, absent for a hall-wide screen.</summary>
    public const string WindowId = "window";
}
