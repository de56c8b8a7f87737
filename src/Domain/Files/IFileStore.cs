namespace Im.Domain.Files;

/// <summary>
/// The bytes of uploaded files, opaque and immutable once saved.
/// </summary>
/// <remarks>
/// Guarantees every adapter keeps:
/// <list type="bullet">
/// <item><see cref="SaveAsync"/> returns only when the whole file is durable; a reader never
/// sees a partial file under its id. A save that fails (the stream throws, the caller
/// cancels) leaves nothing behind.</item>
/// <item>A file id names one content forever: files are never overwritten.</item>
/// <item>No authorization here: callers check who may read a file (its metadata says which
/// conversation it belongs to) before they open it.</item>
/// </list>
/// </remarks>
public interface IFileStore
{
    /// <summary>Reads <paramref name="content"/> to its end and stores it under a new id.</summary>
    Task<FileRef> SaveAsync(Stream content, CancellationToken cancellationToken);

    /// <summary>Opens a stored file for reading, or null when no file has that id.</summary>
    Task<Stream?> OpenReadAsync(string fileId, CancellationToken cancellationToken);

    /// <summary>Removes a stored file (a save whose metadata could not be recorded); unknown ids are ignored.</summary>
    Task DeleteAsync(string fileId, CancellationToken cancellationToken);
}
