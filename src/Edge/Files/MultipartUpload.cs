using Im.Domain.Errors;
using Im.Edge.Hosting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Im.Edge.Files;

/// <summary>
/// The file part of a multipart/form-data upload, read up to its first bytes: name and
/// declared type checked, the signature checked against the type, and the body left
/// unread behind <see cref="Content"/> so that it streams to the store.
/// </summary>
internal sealed class MultipartUpload
{
    public const int MaxNameLength = 255;

    private MultipartUpload(IResult problem)
    {
        Problem = problem;
    }

    private MultipartUpload(string name, string contentType, Stream content)
    {
        Name = name;
        ContentType = contentType;
        Content = content;
    }

    /// <summary>Why the upload is refused, or null.</summary>
    public IResult? Problem { get; }

    public string? Name { get; }

    public string? ContentType { get; }

    public Stream? Content { get; }

    public static async Task<MultipartUpload> ReadHeaderAsync(HttpRequest request, FilesOptions options, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
        {
            return Invalid("body", "must be multipart/form-data with one file field");
        }

        var reader = new MultipartReader(boundary, request.Body);
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (section.GetContentDispositionHeader() is not { } disposition || !disposition.IsFileDisposition())
            {
                continue;
            }

            var name = Path.GetFileName(HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? string.Empty).Trim();
            if (name.Length is 0 or > MaxNameLength || name.Any(char.IsControl))
            {
                return Invalid("file", $"needs a file name of 1..{MaxNameLength} characters");
            }

            if (!MediaTypeHeaderValue.TryParse(section.ContentType, out var declared) || declared.MediaType.Value is not { } typeValue
                || !options.EffectiveContentTypes.Contains(typeValue, StringComparer.OrdinalIgnoreCase))
            {
                return new MultipartUpload(ApiProblems.Result(
                    StatusCodes.Status415UnsupportedMediaType,
                    ErrorCodes.Invalid,
                    $"Content type '{section.ContentType}' is not accepted; accepted: {string.Join(", ", options.EffectiveContentTypes)}."));
            }

            var contentType = typeValue.ToLowerInvariant();
            var header = new byte[FileSignatures.HeaderLength];
            var read = await section.Body.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
            if (read == 0)
            {
                return Invalid("file", "is empty");
            }

            if (!FileSignatures.Matches(contentType, header.AsSpan(0, read)))
            {
                return Invalid("file", $"its content is not {contentType}");
            }

            return new MultipartUpload(name, contentType, new UploadStream(header.AsMemory(0, read), section.Body, options.MaxBytes));
        }

        return Invalid("file", "is missing: send one file field");
    }

    private static MultipartUpload Invalid(string field, string reason) =>
        new(ApiProblems.Invalid(new Dictionary<string, string[]> { [field] = [reason] }));
}
