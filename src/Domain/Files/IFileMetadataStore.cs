namespace Im.Domain.Files;

/// <summary>
/// Durable metadata of uploaded files, keyed by file id.
/// </summary>
/// <remarks>
/// Guarantees every adapter keeps (the shared storage behaviour suite checks them):
/// <list type="bullet">
/// <item><see cref="AddAsync"/> returns only once the record is durable, and throws otherwise.</item>
/// <item>Records are immutable: adding an id that exists throws and changes nothing.</item>
/// <item><see cref="StoredFile.CreatedAt"/> comes back in UTC, truncated to whole microseconds.</item>
/// </list>
/// </remarks>
public interface IFileMetadataStore
{
    Task AddAsync(StoredFile file, CancellationToken cancellationToken);

    /// <summary>The record of a file id, or null when there is none.</summary>
    Task<StoredFile?> FindAsync(string fileId, CancellationToken cancellationToken);
}
