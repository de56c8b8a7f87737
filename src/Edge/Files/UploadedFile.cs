using Im.Domain.Files;

namespace Im.Edge.Files;

/// <summary>The answer of an upload; <see cref="Url"/> is where members fetch it.</summary>
public sealed record UploadedFile(string FileId, string Name, string ContentType, long Size, string Url)
{
    public static UploadedFile From(StoredFile file) =>
        new(file.FileId, file.Name, file.ContentType, file.Size, FileEndpoints.UrlOf(file.FileId));
}
