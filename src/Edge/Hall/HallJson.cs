using System.Text.Json;
using System.Text.Json.Serialization;

namespace Im.Edge.Hall;

/// <summary>
/// JSON of the hall REST API: web defaults (camelCase), enums as lower snake-case strings
/// (<c>"serving"</c>, <c>"very_satisfied"</c>) both ways; numbers are not accepted for enums.
/// </summary>
internal static class HallJson
{
    /// <summary>The largest request body a hall endpoint reads: far above any valid request.</summary>
    public const long MaxBodyBytes = 16 * 1024;

    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    public static IResult Ok<T>(T value) => TypedResults.Json(value, Options);

    public static IResult Created<T>(string location, T value) => new CreatedJson<T>(location, value);

    /// <summary>
    /// The request's JSON body; <c>invalid</c> (by field <c>body</c>) when it is missing, not
    /// JSON, or not of the expected shape, so every malformed request gets the same answer.
    /// </summary>
    public static async Task<T> ReadAsync<T>(HttpContext context)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            return await context.Request.ReadFromJsonAsync<T>(Options, context.RequestAborted).ConfigureAwait(false)
                ?? throw new HallInputException("body", "a JSON object (application/json) is required");
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException)
        {
            throw new HallInputException("body", $"a JSON object (application/json) is required: {Reason(error)}");
        }
    }

    /// <summary>The body as <see cref="ReadAsync{T}"/> reads it, or null when the request has none.</summary>
    public static async Task<T?> ReadOptionalAsync<T>(HttpContext context)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var chunked = request.Headers.TransferEncoding.Any(v => !string.IsNullOrEmpty(v));
        return request.ContentLength is null or 0 && !chunked ? null : await ReadAsync<T>(context).ConfigureAwait(false);
    }

    // The parser names the field and position it stopped at, which is worth passing on; the
    // content-type refusal says what it wanted.
    private static string Reason(Exception error) => error is JsonException { Path: { Length: > 1 } path } ? $"bad value at {path}" : "not readable as that object";

    private sealed class CreatedJson<T>(string location, T value) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status201Created;
            httpContext.Response.Headers.Location = location;
            return httpContext.Response.WriteAsJsonAsync(value, Options, httpContext.RequestAborted);
        }
    }
}
