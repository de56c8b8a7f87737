using Im.Actors.Reminders;
using Im.Actors.Storage;
using Im.Silo.Storage.Postgres;
using Im.Silo.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Im.Testing.Storage;

/// <summary>
/// Real durable storage for tests: a fresh SQLite file, or a schema on a PostgreSQL server
/// someone else owns and drops (the connection string's Search Path). Every host that
/// connects gets adapter instances of its own over the same data, as a restarted or second
/// process would. Derived stores add the adapters their domain needs beside grain state and reminders.
/// </summary>
public abstract class DurableTestStore : IAsyncDisposable
{
    private readonly List<Func<ValueTask>> _closers = [];
    private readonly string? _directory;
    private readonly string? _connectionString;

    /// <summary>Exactly one of <paramref name="directory"/> (SQLite) and <paramref name="connectionString"/> (PostgreSQL).</summary>
    protected DurableTestStore(string? directory, string? connectionString)
    {
        _directory = directory;
        _connectionString = connectionString;
    }

    /// <summary>A fresh directory under the temp folder for a SQLite store, named after <paramref name="prefix"/>.</summary>
    protected static string NewSqliteDirectory(string prefix) => Path.Combine(Path.GetTempPath(), $"im-{prefix}-{Guid.NewGuid():N}");

    /// <summary>Registers the grain state and reminder stores, and those of the derived store, of a new connection to this store.</summary>
    public async Task ConnectAsync(IServiceCollection services)
    {
        if (_directory is not null)
        {
            var sqlite = new SqliteDatabase(_directory);
            _closers.Add(() =>
            {
                sqlite.Dispose();
                return ValueTask.CompletedTask;
            });
            await sqlite.InitializeAsync(applySchema: true, CancellationToken.None);
            services.AddSingleton<IGrainStateStore>(new SqliteGrainStateStore(sqlite));
            services.AddSingleton<IReminderStore>(new SqliteReminderStore(sqlite));
            AddSqliteStores(services, sqlite);
        }
        else
        {
            var source = NpgsqlDataSource.Create(_connectionString!);
            _closers.Add(source.DisposeAsync);
            var postgres = new PostgresDatabase(source);
            await postgres.InitializeAsync(applySchema: true, CancellationToken.None);
            services.AddSingleton<IGrainStateStore>(new PostgresGrainStateStore(postgres));
            services.AddSingleton<IReminderStore>(new PostgresReminderStore(postgres));
            AddPostgresStores(services, postgres);
        }
    }

    /// <summary>Registers the derived store's adapters over a newly opened SQLite database.</summary>
    protected abstract void AddSqliteStores(IServiceCollection services, SqliteDatabase database);

    /// <summary>Registers the derived store's adapters over a newly opened PostgreSQL database.</summary>
    protected abstract void AddPostgresStores(IServiceCollection services, PostgresDatabase database);

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        foreach (var close in _closers)
        {
            await close();
        }

        if (_directory is not null && Directory.Exists(_directory))
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
