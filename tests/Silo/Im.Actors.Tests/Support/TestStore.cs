using Im.Actors.Reminders;
using Im.Actors.Storage;
using Im.Silo.Storage.Postgres;
using Im.Silo.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Im.Actors.Tests.Support;

/// <summary>
/// A real durable store for runtime tests: a fresh SQLite file, or a fresh schema on the
/// PostgreSQL server CI starts (skipped when none is configured). Each runtime that
/// attaches gets adapter instances of its own over the same data, as separate processes would.
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    private readonly List<IAsyncDisposable> _opened = [];
    private readonly string? _directory;
    private readonly string? _connectionString;
    private readonly string? _schema;

    private TestStore(string? directory, string? connectionString, string? schema)
    {
        _directory = directory;
        _connectionString = connectionString;
        _schema = schema;
    }

    public static TheoryData<string> Providers => [Sqlite, Postgres];

    public static async Task<TestStore> CreateAsync(string provider)
    {
        if (provider == Sqlite)
        {
            var store = new TestStore(Path.Combine(Path.GetTempPath(), $"im-actors-{Guid.NewGuid():N}"), null, null);
            await store.OpenSqliteAsync();
            return store;
        }

        var server = Environment.GetEnvironmentVariable("IM_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(server))
        {
            Assert.Skip("PostgreSQL tests need IM_TEST_POSTGRES (a connection string); .ci/run sets it.");
        }

        var schema = $"actors_{Guid.NewGuid():N}";
        await using (var admin = NpgsqlDataSource.Create(server))
        {
            await admin.CreateCommand($"CREATE SCHEMA {schema}").ExecuteNonQueryAsync();
        }

        var postgres = new TestStore(null, $"{server};Search Path={schema}", schema);
        await postgres.OpenPostgresAsync();
        return postgres;
    }

    /// <summary>Registers state and reminder stores of a new connection to this store.</summary>
    public Action<IServiceCollection> Attach() => services =>
    {
        var (state, reminders) = _directory is not null ? OpenSqliteAsync().GetAwaiter().GetResult() : OpenPostgresAsync().GetAwaiter().GetResult();
        services.AddSingleton(state);
        services.AddSingleton(reminders);
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var opened in _opened)
        {
            await opened.DisposeAsync();
        }

        if (_directory is not null && Directory.Exists(_directory))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }

        if (_schema is not null)
        {
            await using var admin = NpgsqlDataSource.Create(Environment.GetEnvironmentVariable("IM_TEST_POSTGRES")!);
            await admin.CreateCommand($"DROP SCHEMA IF EXISTS {_schema} CASCADE").ExecuteNonQueryAsync();
        }
    }

    private async Task<(IGrainStateStore, IReminderStore)> OpenSqliteAsync()
    {
        var database = new SqliteDatabase(_directory!);
        await database.InitializeAsync(applySchema: true, CancellationToken.None);
        _opened.Add(new AsyncDisposer(database.Dispose));
        return (new SqliteGrainStateStore(database), new SqliteReminderStore(database));
    }

    private async Task<(IGrainStateStore, IReminderStore)> OpenPostgresAsync()
    {
        var source = NpgsqlDataSource.Create(_connectionString!);
        _opened.Add(source);
        var database = new PostgresDatabase(source);
        await database.InitializeAsync(applySchema: true, CancellationToken.None);
        return (new PostgresGrainStateStore(database), new PostgresReminderStore(database));
    }

    private sealed class AsyncDisposer(Action dispose) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            dispose();
            return ValueTask.CompletedTask;
        }
    }
}
