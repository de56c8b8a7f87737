using Im.Actors.Reminders;
using Im.Actors.Storage;
using Im.Domain.Files;
using Im.Domain.History;
using Im.Domain.Review;
using Im.Silo.Storage.Postgres;
using Im.Silo.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Im.Domain.Tests.Support;

/// <summary>
/// Real durable storage for chat tests: a fresh SQLite file, or a schema on the PostgreSQL
/// server of <see cref="PostgresSchemaFixture"/>. Every host that connects gets adapter
/// instances of its own over the same data, as a restarted or second process would.
/// </summary>
public sealed class ChatStore : IAsyncDisposable
{
    private readonly List<Func<ValueTask>> _closers = [];
    private readonly string? _directory;
    private readonly string? _connectionString;

    private ChatStore(string? directory, string? connectionString)
    {
        _directory = directory;
        _connectionString = connectionString;
    }

    public static ChatStore Sqlite() => new(Path.Combine(Path.GetTempPath(), $"im-chat-{Guid.NewGuid():N}"), null);

    /// <summary>Over a schema someone else owns and drops (the connection string's Search Path).</summary>
    public static ChatStore Postgres(string connectionString) => new(null, connectionString);

    /// <summary>Registers state, reminder, history, review audit and file metadata stores of a new connection to this store.</summary>
    public async Task ConnectAsync(IServiceCollection services)
    {
        IGrainStateStore state;
        IReminderStore reminders;
        IMessageHistoryStore history;
        IReviewAuditLog audit;
        IFileMetadataStore files;
        if (_directory is not null)
        {
            var sqlite = new SqliteDatabase(_directory);
            _closers.Add(() =>
            {
                sqlite.Dispose();
                return ValueTask.CompletedTask;
            });
            await sqlite.InitializeAsync(applySchema: true, CancellationToken.None);
            (state, reminders, history, audit) = (new SqliteGrainStateStore(sqlite), new SqliteReminderStore(sqlite), new SqliteMessageHistoryStore(sqlite), new SqliteReviewAuditLog(sqlite));
            files = new SqliteFileMetadataStore(sqlite);
        }
        else
        {
            var source = NpgsqlDataSource.Create(_connectionString!);
            _closers.Add(source.DisposeAsync);
            var postgres = new PostgresDatabase(source);
            await postgres.InitializeAsync(applySchema: true, CancellationToken.None);
            (state, reminders, history, audit) = (new PostgresGrainStateStore(postgres), new PostgresReminderStore(postgres), new PostgresMessageHistoryStore(postgres), new PostgresReviewAuditLog(postgres));
            files = new PostgresFileMetadataStore(postgres);
        }

        services.AddSingleton(state);
        services.AddSingleton(reminders);
        services.AddSingleton(history);
        services.AddSingleton(audit);
        services.AddSingleton(files);
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
