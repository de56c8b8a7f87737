using Im.Edge.Auth;
using Im.Hall.Screens;

namespace Im.Edge.Hall;

/// <summary>
/// Signs screen tokens: the edge key, the configured issuer, an audience of their own
/// (<see cref="AudienceOf"/>), and the screen's id, hall and window instead of a member.
/// Who may call: the screen endpoint, after checking the caller is an admin of the hall.
/// </summary>
public sealed class ScreenTokenIssuer(AccessTokenIssuer issuer, AuthOptions auth, HallEdgeOptions options)
{
    /// <summary>
    /// The audience of screen tokens. It differs from the member audience, so the member
    /// scheme (every REST endpoint, <c>/hubs/im</c>) refuses a screen token before anything else.
    /// </summary>
    public static string AudienceOf(AuthOptions auth)
    {
        ArgumentNullException.ThrowIfNull(auth);
        return $"{auth.Audience}:screen";
    }

    public IssuedToken Issue(ScreenInfo screen)
    {
        ArgumentNullException.ThrowIfNull(screen);
        var claims = new Dictionary<string, object>
        {
            [ImClaimTypes.ScreenId] = screen.ScreenId,
            [ImClaimTypes.HallId] = screen.HallId,
        };
        if (screen.WindowId is not null)
        {
            claims[ImClaimTypes.WindowId] = screen.WindowId;
        }

        return issuer.Sign(claims, AudienceOf(auth), options.ScreenTokenLifetime);
    }
}
