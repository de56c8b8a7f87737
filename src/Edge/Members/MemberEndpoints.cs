using Im.Actors;
using Im.Domain.Errors;
using Im.Domain.Members;
using Im.Edge.Auth;
using Im.Edge.Hosting;

namespace Im.Edge.Members;

/// <summary>
/// Member REST: the caller's own profile, and the administrators' switch that disables or
/// re-enables a member's sign-in.
/// </summary>
internal static class MemberEndpoints
{
    public static IEndpointRouteBuilder MapImMembers(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/me", GetMeAsync).RequireAuthorization();
        var admin = endpoints.MapGroup("/api/members/{memberId}").RequireAuthorization(ImPolicies.Admin);
        admin.MapPost("/disable", DisableAsync);
        admin.MapPost("/enable", EnableAsync);
        return endpoints;
    }

    private static async Task<IResult> GetMeAsync(HttpContext context, IGrainFactory grains)
    {
        var memberId = context.User.MemberId();
        var profile = await grains.GetGrain<IMemberGrain>(memberId).GetAsync();
        return profile is null
            ? ApiProblems.Result(StatusCodes.Status404NotFound, ErrorCodes.NotFound, $"Member '{memberId}' does not exist.")
            : TypedResults.Ok(profile);
    }

    // Durable first, then the live connections: a connection closed before the write could
    // reconnect and be let in by the old state.
    private static async Task<IResult> DisableAsync(string memberId, IGrainFactory grains, IMemberConnections connections)
    {
        var result = await SetDisabledAsync(memberId, disabled: true, grains);
        if (result.Profile is not null)
        {
            await connections.DisconnectAsync(memberId, "disabled by an administrator");
        }

        return result.Result;
    }

    private static async Task<IResult> EnableAsync(string memberId, IGrainFactory grains, MemberAccessCache access)
    {
        var result = await SetDisabledAsync(memberId, disabled: false, grains);
        if (result.Profile is not null)
        {
            access.Forget(memberId);
        }

        return result.Result;
    }

    private static async Task<(MemberProfile? Profile, IResult Result)> SetDisabledAsync(string memberId, bool disabled, IGrainFactory grains)
    {
        if (!MemberInput.IsId(memberId))
        {
            return (null, ApiProblems.Invalid(new Dictionary<string, string[]> { ["memberId"] = [$"1 to {MemberInput.MaxIdLength} characters of A-Z a-z 0-9 _ . @ -."] }));
        }

        var member = grains.GetGrain<IMemberGrain>(memberId);
        // Members are never deleted, so one that exists now still exists for the next call.
        if (await member.GetAsync() is null)
        {
            return (null, ApiProblems.Result(StatusCodes.Status404NotFound, ErrorCodes.NotFound, $"Member '{memberId}' does not exist."));
        }

        var profile = await member.SetDisabledAsync(disabled);
        return (profile, TypedResults.Ok(profile));
    }
}
