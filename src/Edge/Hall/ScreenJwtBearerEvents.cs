using Im.Actors;
using Im.Domain.Errors;
using Im.Edge.Hosting;
using Im.Hall.Halls;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Im.Edge.Hall;

/// <summary>
/// The screen scheme's hooks: it looks at requests to <c>/hubs/hall</c> only, and lets a
/// screen token through only while the hall still lists the screen.
/// </summary>
internal sealed class ScreenJwtBearerEvents(IGrainFactory grains) : JwtBearerEvents
{
    public const string HubPath = "/hubs/hall";

    private const string AccessTokenParameter = "access_token";

    public override Task MessageReceived(MessageReceivedContext context)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments(HubPath, StringComparison.OrdinalIgnoreCase))
        {
            // Screens are valid nowhere else, whatever the token says.
            context.NoResult();
        }
        else if (!request.Headers.Authorization.Any(v => !string.IsNullOrEmpty(v))
            && request.Query.TryGetValue(AccessTokenParameter, out var token)
            && !string.IsNullOrEmpty(token))
        {
            // Browsers cannot set headers on WebSockets; the display page's token comes this way.
            context.Token = token;
        }

        return Task.CompletedTask;
    }

    // A removed screen's token stays signed until it expires: asking the hall on every
    // connection is what makes removal final.
    public override async Task TokenValidated(TokenValidatedContext context)
    {
        if (ScreenPrincipal.Of(context.Principal) is not { } screen)
        {
            context.Fail("The token names no screen.");
        }
        else if (!await grains.GetGrain<IHallGrain>(screen.HallId).IsScreenActiveAsync(screen.ScreenId).ConfigureAwait(false))
        {
            context.Fail("The screen was removed.");
        }
    }

    // The hall hub challenges the member scheme too, which writes the problem body first.
    public override async Task Challenge(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        if (!context.Response.HasStarted)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await ApiProblems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized,
                "A valid member or screen token is required.").ConfigureAwait(false);
        }
    }

    public override Task Forbidden(ForbiddenContext context) =>
        context.Response.HasStarted
            ? Task.CompletedTask
            : ApiProblems.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, "The caller may not use this hub.");
}
