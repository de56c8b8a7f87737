using Im.Actors.Storage;
using Im.Silo.Storage.Postgres;
using Im.Silo.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Im.Bench.Actors;

/// <summary>
/// A grain state store over empty, throwaway data: a fresh SQLite file in a temp directory
/// or a fresh <c>bench_&lt;random&gt;</c> schema, both removed on dispose. Every measured run
/// gets its own, so neither side of a comparison writes into a table the other has grown.
/// </summary>
public sealed class BenchStateStore : IAsyncDisposable
{
    private readonly Func<ValueTask> _remove;

    private BenchStateStore(IGrainStateStore store, Func<ValueTask> remove)
    {
        Store = store;
        _remove = remove;
    }

    public IGrainStateStore Store { get; }

    public static async Task<BenchStateStore> CreateSqliteAsync(CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"im-bench-{Guid.NewGuid():N}");
        var database = new SqliteDatabase(directory);
        var store = new BenchStateStore(new SqliteGrainStateStore(database), () =>
        {
            database.Dispose();
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            return ValueTask.CompletedTask;
        });
        await InitializeOrRemoveAsync(store, () => database.InitializeAsync(applySchema: true, cancellationToken));
        return store;
    }

    public static async Task<BenchStateStore> CreatePostgresAsync(string connectionString, CancellationToken cancellationToken)
    {
        var schema = $"bench_{Guid.NewGuid():N}";
        await using (var admin = NpgsqlDataSource.Create(connectionString))
        {
            await admin.CreateCommand($"CREATE SCHEMA {schema}").ExecuteNonQueryAsync(cancellationToken);
        }

        // The adapters name no schema: the search path puts every statement in this one.
        var source = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = schema }.ConnectionString);
        var database = new PostgresDatabase(source);
        var store = new BenchStateStore(new PostgresGrainStateStore(database), async () =>
        {
            await source.DisposeAsync();
            await using var admin = NpgsqlDataSource.Create(connectionString);
            await admin.CreateCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE").ExecuteNonQueryAsync(CancellationToken.None);
        });
        await InitializeOrRemoveAsync(store, () => database.InitializeAsync(applySchema: true, cancellationToken));
        return store;
    }

    public ValueTask DisposeAsync() => _remove();

    private static async Task InitializeOrRemoveAsync(BenchStateStore store, Func<Task> initialize)
    {
        try
        {
            await initialize();
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }
}
