namespace Im.Domain.Files;

/// <summary>What <see cref="IFileStore.SaveAsync"/> stored: the id to open it by, its length and its SHA-256 (lowercase hex).</summary>
public sealed record FileRef(string FileId, long Size, string Sha256);
