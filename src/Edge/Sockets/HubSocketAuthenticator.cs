using System.Security.Claims;
using Im.Edge.Auth;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace Im.Edge.Sockets;

/// <summary>
/// The checks the HTTP pipeline makes before a hub request, made on a parsed upgrade request:
/// the Origin (<see cref="HubOriginPolicy"/>), then the bearer token with the bearer scheme's
/// own validation parameters and token handlers, then <see cref="MemberAdmission"/>.
/// </summary>
/// <remarks>
/// It only ever answers "admitted" or "not here": a request it does not admit is handed to
/// the HTTP pipeline, which runs the same checks and refuses with its usual status and code
/// (403 <c>forbidden_origin</c>, 401 <c>unauthorized</c>), so refusals look the same whichever
/// path a client took.
/// </remarks>
internal sealed class HubSocketAuthenticator(IOptionsMonitor<JwtBearerOptions> bearer, MemberAccessCache access, HubOriginPolicy origins)
{
    /// <summary>The connection's principal, or null when the HTTP pipeline must answer the request.</summary>
    public async ValueTask<ClaimsPrincipal?> AdmitAsync(HubUpgradeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string?[] origin = request.Origin is null ? [] : [request.Origin];
        if (!origins.Allows(origin, "http", request.Host) || request.Token is not { Length: > 0 } token)
        {
            return null;
        }

        var options = bearer.Get(JwtBearerDefaults.AuthenticationScheme);
        foreach (var handler in options.TokenHandlers)
        {
            var result = await handler.ValidateTokenAsync(token, options.TokenValidationParameters).ConfigureAwait(false);
            if (result.IsValid)
            {
                var (principal, _) = await MemberAdmission.AdmitAsync(new ClaimsPrincipal(result.ClaimsIdentity), JwtBearerDefaults.AuthenticationScheme, access).ConfigureAwait(false);
                return principal;
            }
        }

        return null;
    }
}
