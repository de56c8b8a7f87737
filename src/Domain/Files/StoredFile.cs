namespace Im.Domain.Files;

/// <summary>An uploaded file's metadata: which conversation it belongs to decides who may read it.</summary>
public sealed record StoredFile(
    string FileId,
    string ConversationId,
    string UploaderId,
    string Name,
    string ContentType,
    long Size,
    string Sha256,
    DateTimeOffset CreatedAt);
