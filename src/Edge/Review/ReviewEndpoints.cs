using Im.Domain.Errors;
using Im.Domain.Review;
using Im.Edge.Auth;
using Im.Edge.Hosting;

namespace Im.Edge.Review;

/// <summary>
/// Administrators' content review endpoints: reload the word lists now (the file watcher
/// does it too), and read the newest audit records.
/// </summary>
internal static class ReviewEndpoints
{
    public const int DefaultAuditPage = 50;
    public const int MaxAuditPage = 500;

    public static IEndpointRouteBuilder MapImReview(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/api/admin/review").RequireAuthorization(ImPolicies.Admin);
        admin.MapPost("/reload", Reload);
        admin.MapGet("/audit", ReadAuditAsync);
        return endpoints;
    }

    // A refused directory leaves the previous lists in force; the 422 says why, so the
    // operator fixes the file instead of believing the edit is live.
    private static IResult Reload(WordListReloader reloader)
    {
        var outcome = reloader.Reload();
        return outcome.Succeeded
            ? TypedResults.Ok(WordListReloadResponse.From(outcome.Lists))
            : ApiProblems.Result(StatusCodes.Status422UnprocessableEntity, ErrorCodes.Invalid, $"The word lists were refused and the previous ones stay in force: {outcome.Error}");
    }

    private static async Task<IResult> ReadAuditAsync(int? limit, IReviewAuditLog audit, CancellationToken cancellationToken)
    {
        if (limit is <= 0)
        {
            return ApiProblems.Invalid(new Dictionary<string, string[]> { ["limit"] = ["must be positive"] });
        }

        var records = await audit.ReadRecentAsync(Math.Min(limit ?? DefaultAuditPage, MaxAuditPage), cancellationToken);
        return TypedResults.Ok(records.Select(ReviewAuditEntry.From).ToList());
    }
}
