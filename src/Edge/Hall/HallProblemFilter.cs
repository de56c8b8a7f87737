using Im.Actors;
using Im.Actors.Storage;
using Im.Domain.Errors;
using Im.Edge.Hosting;
using Im.Hall.Errors;
using Microsoft.AspNetCore.Http.Features;

namespace Im.Edge.Hall;

/// <summary>
/// Runs every hall endpoint under the hall's request body limit and turns its refusals into
/// problem details with the stable code: the grains throw, this maps, endpoints stay small.
/// </summary>
internal sealed partial class HallProblemFilter(ILogger<HallProblemFilter> logger) : IEndpointFilter
{
    // Input problems are 400, missing things 404 (an empty queue too, as the contract says),
    // role refusals 403, and whatever the state of the hall refuses is 409.
    private static readonly Dictionary<string, int> Statuses = new(StringComparer.Ordinal)
    {
        [ErrorCodes.Invalid] = StatusCodes.Status400BadRequest,
        [ErrorCodes.Unauthorized] = StatusCodes.Status401Unauthorized,
        [ErrorCodes.Forbidden] = StatusCodes.Status403Forbidden,
        [ErrorCodes.NotFound] = StatusCodes.Status404NotFound,
        [HallErrorCodes.QueueEmpty] = StatusCodes.Status404NotFound,
        [ErrorCodes.TooLarge] = StatusCodes.Status413PayloadTooLarge,
        [ErrorCodes.RateLimited] = StatusCodes.Status429TooManyRequests,
    };

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);

        // Kestrel then refuses a longer body by itself, also one that lies about its length.
        if (context.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = HallJson.MaxBodyBytes;
        }

        try
        {
            return await next(context);
        }
        catch (HallInputException input)
        {
            return ApiProblems.Invalid(input.Errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal));
        }
        catch (DomainException refusal)
        {
            var detail = refusal.Message.StartsWith($"{refusal.Code}: ", StringComparison.Ordinal) ? refusal.Message[(refusal.Code.Length + 2)..] : refusal.Message;
            return ApiProblems.Result(Statuses.GetValueOrDefault(refusal.Code, StatusCodes.Status409Conflict), refusal.Code, detail);
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ApiProblems.Result(StatusCodes.Status413PayloadTooLarge, ErrorCodes.TooLarge, $"A hall request body holds at most {HallJson.MaxBodyBytes} bytes.");
        }
        catch (InconsistentStateException conflict)
        {
            LogConflict(logger, conflict, context.HttpContext.Request.Path);
            return ApiProblems.Result(StatusCodes.Status409Conflict, ErrorCodes.Conflict, "A concurrent change won; read again and retry.");
        }
        catch (GrainCallTimeoutException)
        {
            return ApiProblems.Result(StatusCodes.Status503ServiceUnavailable, "timeout", "The hall did not answer in time; the change may or may not have happened.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A hall request to {Path} lost a concurrent write")]
    private static partial void LogConflict(ILogger logger, Exception error, string path);
}
