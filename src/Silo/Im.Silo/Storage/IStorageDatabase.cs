namespace Im.Silo.Storage;

/// <summary>A storage backend that must be prepared once before its stores are used.</summary>
internal interface IStorageDatabase
{
    /// <summary>Prepares the backend; safe to call again and from several nodes at once.</summary>
    Task InitializeAsync(bool applySchema, CancellationToken cancellationToken);
}
