using Im.Domain.Errors;
using Im.Edge.Hosting;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Im.Edge.Auth;

/// <summary>
/// The edge's hooks into bearer authentication: where the token is read from, and the check
/// that the token's member may still use the platform.
/// </summary>
internal sealed class ImJwtBearerEvents(MemberAccessCache access) : JwtBearerEvents
{
    /// <summary>Path prefix of the SignalR hubs, the only place a token may travel in the query string.</summary>
    public const string HubsPath = "/hubs";

    private const string AccessTokenParameter = "access_token";

    public override Task MessageReceived(MessageReceivedContext context)
    {
        // Browsers cannot set headers on WebSocket or EventSource requests, so SignalR clients
        // send the token as ?access_token=. Query strings end up in logs and proxies, so
        // nothing but the hubs accepts it.
        var request = context.Request;
        if (request.Path.StartsWithSegments(HubsPath, StringComparison.OrdinalIgnoreCase)
            && !request.Headers.Authorization.Any(v => !string.IsNullOrEmpty(v))
            && request.Query.TryGetValue(AccessTokenParameter, out var token)
            && !string.IsNullOrEmpty(token))
        {
            context.Token = token;
        }

        return Task.CompletedTask;
    }

    public override async Task TokenValidated(TokenValidatedContext context)
    {
        // A valid signature proves who the member was when the token was issued; whether the
        // member still exists and is not disabled is asked here, on every request and on every
        // hub connection, through a short cache.
        var (principal, refusal) = await MemberAdmission.AdmitAsync(context.Principal, context.Scheme.Name, access).ConfigureAwait(false);
        if (principal is null)
        {
            context.Fail(refusal!);
        }
        else
        {
            // What the request (and a hub connection, for its whole life) keeps: the claims
            // Im reads, not the parsed token behind them.
            context.Principal = principal;
        }
    }

    public override async Task Challenge(JwtBearerChallengeContext context)
    {
        // The handler's own challenge has no body; this one keeps its header and adds the code.
        context.HandleResponse();
        context.Response.Headers.WWWAuthenticate = string.IsNullOrEmpty(context.Error) ? "Bearer" : $"Bearer error=\"{context.Error}\"";
        await ApiProblems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized,
            "A valid bearer token of an active member is required.").ConfigureAwait(false);
    }

    public override Task Forbidden(ForbiddenContext context) =>
        ApiProblems.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, ErrorCodes.Forbidden,
            "The caller lacks the role this action requires.");
}
