using Im.Domain.Files;
using Im.Domain.History;
using Im.Domain.Review;
using Im.Silo.Storage.Postgres;
using Im.Silo.Storage.Sqlite;
using Im.Testing.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Im.Domain.Tests.Support;

/// <summary>Real durable storage for chat tests: grain state and reminders, and history, review audit and file metadata stores.</summary>
public sealed class ChatStore : DurableTestStore
{
    private ChatStore(string? directory, string? connectionString)
        : base(directory, connectionString)
    {
    }

    public static ChatStore Sqlite() => new(NewSqliteDirectory("chat"), null);

    /// <summary>Over a schema someone else owns and drops (the connection string's Search Path).</summary>
    public static ChatStore Postgres(string connectionString) => new(null, connectionString);

    protected override void AddSqliteStores(IServiceCollection services, SqliteDatabase database)
    {
        services.AddSingleton<IMessageHistoryStore>(new SqliteMessageHistoryStore(database));
        services.AddSingleton<IReviewAuditLog>(new SqliteReviewAuditLog(database));
        services.AddSingleton<IFileMetadataStore>(new SqliteFileMetadataStore(database));
    }

    protected override void AddPostgresStores(IServiceCollection services, PostgresDatabase database)
    {
        services.AddSingleton<IMessageHistoryStore>(new PostgresMessageHistoryStore(database));
        services.AddSingleton<IReviewAuditLog>(new PostgresReviewAuditLog(database));
        services.AddSingleton<IFileMetadataStore>(new PostgresFileMetadataStore(database));
    }
}
