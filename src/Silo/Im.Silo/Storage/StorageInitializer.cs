using Microsoft.Extensions.Hosting;

namespace Im.Silo.Storage;

/// <summary>
/// Prepares the storage backend in the host's <c>Starting</c> phase, which runs before any
/// hosted service's <c>StartAsync</c>, so no service sees the stores before the schema exists.
/// </summary>
internal sealed class StorageInitializer : IHostedLifecycleService
{
    private readonly IStorageDatabase _database;
    private readonly bool _applySchema;

    public StorageInitializer(IStorageDatabase database, bool applySchema)
    {
        _database = database;
        _applySchema = applySchema;
    }

    public Task StartingAsync(CancellationToken cancellationToken) =>
        _database.InitializeAsync(_applySchema, cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
