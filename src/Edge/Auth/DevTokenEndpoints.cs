using System.Text.Json;
using Im.Actors;
using Im.Domain.Errors;
using Im.Domain.Members;
using Im.Edge.Hosting;

namespace Im.Edge.Auth;

/// <summary>
/// <c>POST /api/dev/token</c>: a token for any member with any roles, for the embedded profile,
/// tests and load tools. Mapped only with <see cref="AuthOptions.DevTokenEndpoint"/> on.
/// </summary>
internal static class DevTokenEndpoints
{
    public const string Path = "/api/dev/token";

    public static IEndpointRouteBuilder MapImDevToken(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, IssueAsync).AllowAnonymous();
        return endpoints;
    }

    // The body is read by hand so that malformed JSON gets the same 400 "invalid" problem as
    // a well-formed body with bad fields, not the framework's bare 400.
    private static async Task<IResult> IssueAsync(HttpContext context, IGrainFactory grains, AccessTokenIssuer issuer, MemberAccessCache access)
    {
        DevTokenRequest? request;
        try
        {
            request = await context.Request.ReadFromJsonAsync<DevTokenRequest>(context.RequestAborted);
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException)
        {
            return BodyInvalid();
        }

        if (request is null)
        {
            return BodyInvalid();
        }

        var problems = MemberInput.Problems(request);
        if (problems.Count > 0)
        {
            return ApiProblems.Invalid(problems);
        }

        var memberId = request.MemberId!;
        var member = grains.GetGrain<IMemberGrain>(memberId);
        // Checked before EnsureAsync so that a refused request leaves a disabled member as it was.
        if (await member.GetAsync() is { Disabled: true })
        {
            return ApiProblems.Result(StatusCodes.Status403Forbidden, ErrorCodes.Unauthorized, $"Member '{memberId}' is disabled.");
        }

        var profile = await member.EnsureAsync(new MemberProfile(
            memberId,
            MemberInput.DisplayName(request.DisplayName)!,
            request.OrgId,
            [.. (request.Roles ?? []).OfType<string>()]));
        // A request made with a token of this member before it existed cached "unknown".
        access.Forget(memberId);
        return TypedResults.Ok(issuer.Issue(profile));
    }

    private static IResult BodyInvalid() =>
        ApiProblems.Invalid(new Dictionary<string, string[]> { ["body"] = ["a JSON object (application/json) with memberId, displayName, orgId and roles."] });
}
