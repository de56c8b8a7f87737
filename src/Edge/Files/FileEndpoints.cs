using Im.Actors;
using Im.Domain.Chat;
using Im.Domain.Errors;
using Im.Domain.Files;
using Im.Edge.Auth;
using Im.Edge.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Im.Edge.Files;

/// <summary>
/// Files REST: members upload a file to a conversation and members of that conversation
/// fetch it. Membership is the conversation grain's answer, asked on every request.
/// </summary>
internal static class FileEndpoints
{
    // Room for the multipart boundaries and part headers around the file itself.
    private const long MultipartOverhead = 64 * 1024;

    public static string UrlOf(string fileId) => $"/api/files/{fileId}";

    public static IEndpointRouteBuilder MapImFiles(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/conversations/{conversationId}/files", UploadAsync).RequireAuthorization().DisableAntiforgery();
        endpoints.MapGet("/api/files/{fileId}", DownloadAsync).RequireAuthorization();
        return endpoints;
    }

    private static async Task<IResult> UploadAsync(
        string conversationId,
        HttpContext context,
        IGrainFactory grains,
        IFileStore store,
        IFileMetadataStore metadata,
        FilesOptions options,
        TimeProvider time)
    {
        // Kestrel then refuses a larger body on its own, also one that lies about its length.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = options.MaxBytes + MultipartOverhead;
        }

        var memberId = context.User.MemberId();
        if (await AuthorizeAsync(grains, conversationId, memberId) is { } refused)
        {
            return refused;
        }

        var upload = await MultipartUpload.ReadHeaderAsync(context.Request, options, context.RequestAborted);
        if (upload.Problem is { } problem)
        {
            return problem;
        }

        FileRef saved;
        try
        {
            saved = await store.SaveAsync(upload.Content!, context.RequestAborted);
        }
        catch (Exception exception) when (exception is FileTooLargeException || exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            return TooLarge(options);
        }

        var file = new StoredFile(saved.FileId, conversationId, memberId, upload.Name!, upload.ContentType!, saved.Size, saved.Sha256, time.GetUtcNow());
        try
        {
            await metadata.AddAsync(file, CancellationToken.None);
        }
        catch
        {
            // Bytes without a record could never be served or attached: do not keep them.
            await store.DeleteAsync(saved.FileId, CancellationToken.None);
            throw;
        }

        return TypedResults.Created(UrlOf(file.FileId), UploadedFile.From(file));
    }

    private static async Task<IResult> DownloadAsync(string fileId, HttpContext context, IGrainFactory grains, IFileStore store, IFileMetadataStore metadata)
    {
        var file = await metadata.FindAsync(fileId, context.RequestAborted);
        if (file is null)
        {
            return NotFound(fileId);
        }

        if (await AuthorizeAsync(grains, file.ConversationId, context.User.MemberId()) is { } refused)
        {
            return refused;
        }

        var content = await store.OpenReadAsync(file.FileId, context.RequestAborted);
        if (content is null)
        {
            return NotFound(fileId);
        }

        // Uploaded content is the uploader's: never let a browser sniff it into something
        // active, and never render anything but an image inline.
        var headers = context.Response.Headers;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers[HeaderNames.ContentSecurityPolicy] = "default-src 'none'; sandbox";
        headers[HeaderNames.ContentDisposition] = new ContentDispositionHeaderValue(FileSignatures.IsImage(file.ContentType) ? "inline" : "attachment")
        {
            FileNameStar = file.Name,
        }.ToString();
        headers[HeaderNames.CacheControl] = "private, max-age=31536000, immutable";
        return TypedResults.Stream(content, file.ContentType, entityTag: new EntityTagHeaderValue($"\"{file.Sha256}\""));
    }

    // not_member for outsiders, also for a conversation that does not exist: ids cannot be probed.
    private static async Task<IResult?> AuthorizeAsync(IGrainFactory grains, string conversationId, string memberId)
    {
        try
        {
            await grains.GetGrain<IConversationGrain>(conversationId).GetInfoAsync(memberId);
            return null;
        }
        catch (DomainException exception)
        {
            var status = exception.Code switch
            {
                ErrorCodes.NotMember or ErrorCodes.Forbidden => StatusCodes.Status403Forbidden,
                ErrorCodes.NotFound => StatusCodes.Status404NotFound,
                _ => StatusCodes.Status400BadRequest,
            };
            return ApiProblems.Result(status, exception.Code, exception.Message);
        }
    }

    private static IResult NotFound(string fileId) =>
        ApiProblems.Result(StatusCodes.Status404NotFound, ErrorCodes.NotFound, $"File '{fileId}' does not exist.");

    private static IResult TooLarge(FilesOptions options) =>
        ApiProblems.Result(StatusCodes.Status413PayloadTooLarge, ErrorCodes.TooLarge, $"The file is larger than {options.MaxBytes} bytes; nothing was stored.");
}
