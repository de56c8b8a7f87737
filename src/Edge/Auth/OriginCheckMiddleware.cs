using Im.Domain.Errors;
using Im.Edge.Hosting;

namespace Im.Edge.Auth;

/// <summary>
/// Refuses hub requests whose <c>Origin</c> is neither this server nor one of
/// <see cref="AuthOptions.AllowedOrigins"/> with 403 <c>forbidden_origin</c>, before
/// authentication and before the hub.
/// </summary>
/// <remarks>
/// A browser lets any page open a WebSocket to any server and tells the server only the page's
/// origin, which the page cannot forge; checking it keeps pages of other sites from driving a
/// member's connection (cross-site WebSocket hijacking). Browsers send Origin on every
/// WebSocket and cross-origin request, so a request without one comes from a native app or a
/// server, which no page can impersonate, and passes.
/// </remarks>
internal sealed class OriginCheckMiddleware(RequestDelegate next, HubOriginPolicy origins, ILogger<OriginCheckMiddleware> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments(ImJwtBearerEvents.HubsPath, StringComparison.OrdinalIgnoreCase)
            || !request.Headers.TryGetValue("Origin", out var values)
            || values.Count == 0)
        {
            return next(context);
        }

        if (origins.Allows(values, request.Scheme, request.Host.ToString()))
        {
            return next(context);
        }

        logger.LogInformation("Refused a hub request to {Path} from origin {Origin}", request.Path, values.ToString());
        return ApiProblems.WriteAsync(context, StatusCodes.Status403Forbidden, ErrorCodes.ForbiddenOrigin,
            $"Origin '{values}' may not open hub connections.");
    }
}
