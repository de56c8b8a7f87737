using Im.Actors.Reminders;
using Im.Actors.Storage;
using Im.Hall.Tickets;
using Im.Silo.Storage.Postgres;
using Im.Silo.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Im.Hall.Tests.Support;

/// <summary>
/// Real durable storage for hall tests: a fresh SQLite file, or a schema on the PostgreSQL
/// server of <see cref="PostgresSchemaFixture"/>. Each host that connects gets adapters of
/// its own over the same data, as a restarted process would.
/// </summary>
public sealed class HallStore : IAsyncDisposable
{
    private readonly List<Func<ValueTask>> _closers = [];
    private readonly string? _directory;
    private readonly string? _connectionString;

    private HallStore(string? directory, string? connectionString)
    {
        _directory = directory;
        _connectionString = connectionString;
    }

    public static HallStore Sqlite() => new(Path.Combine(Path.GetTempPath(), $"im-hall-{Guid.NewGuid():N}"), null);

    /// <summary>Over a schema someone else owns and drops (the connection string's Search Path).</summary>
    public static HallStore Postgres(string connectionString) => new(null, connectionString);

    /// <summary>Registers the grain state, reminder and ticket stores of a new connection to this store.</summary>
    public async Task ConnectAsync(IServiceCollection services)
    {
        IGrainStateStore state;
        IReminderStore reminders;
        ITicketStore tickets;
        if (_directory is not null)
        {
            var sqlite = new SqliteDatabase(_directory);
            _closers.Add(() =>
            {
                sqlite.Dispose();
                return ValueTask.CompletedTask;
            });
            await sqlite.InitializeAsync(applySchema: true, CancellationToken.None);
            (state, reminders, tickets) = (new SqliteGrainStateStore(sqlite), new SqliteReminderStore(sqlite), new SqliteTicketStore(sqlite));
        }
        else
        {
            var source = NpgsqlDataSource.Create(_connectionString!);
            _closers.Add(source.DisposeAsync);
            var postgres = new PostgresDatabase(source);
            await postgres.InitializeAsync(applySchema: true, CancellationToken.None);
            (state, reminders, tickets) = (new PostgresGrainStateStore(postgres), new PostgresReminderStore(postgres), new PostgresTicketStore(postgres));
        }

        services.AddSingleton(state);
        services.AddSingleton(reminders);
        services.AddSingleton(tickets);
    }

    public async ValueTask DisposeAsync()
    {
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
