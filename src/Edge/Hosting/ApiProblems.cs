using Im.Domain.Errors;
using Microsoft.AspNetCore.Mvc;

namespace Im.Edge.Hosting;

/// <summary>
/// REST refusals as RFC 9457 problem details carrying the stable error code in <c>code</c>
/// (see <see cref="ErrorCodes"/>), the field clients switch on.
/// </summary>
public static class ApiProblems
{
    /// <summary>The problem details extension member that carries the error code.</summary>
    public const string CodeKey = "code";

    public static ProblemDetails Create(int status, string code, string detail)
    {
        var problem = new ProblemDetails { Status = status, Title = code, Detail = detail };
        problem.Extensions[CodeKey] = code;
        return problem;
    }

    /// <summary>A problem result for an endpoint to return.</summary>
    public static IResult Result(int status, string code, string detail) => TypedResults.Problem(Create(status, code, detail));

    /// <summary>400 <c>invalid</c> with the offending fields and why, as in a validation problem.</summary>
    public static IResult Invalid(IDictionary<string, string[]> errors) => TypedResults.ValidationProblem(
        errors,
        detail: "One or more fields are invalid; nothing was changed.",
        title: ErrorCodes.Invalid,
        extensions: new Dictionary<string, object?> { [CodeKey] = ErrorCodes.Invalid });

    /// <summary>Writes a problem response from middleware, where no endpoint result runs.</summary>
    public static async Task WriteAsync(HttpContext context, int status, string code, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        var writer = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await writer.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = Create(status, code, detail) }).ConfigureAwait(false);
    }
}
