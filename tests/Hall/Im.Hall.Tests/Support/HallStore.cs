using Im.Hall.Tickets;
using Im.Silo.Storage.Postgres;
using Im.Silo.Storage.Sqlite;
using Im.Testing.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Im.Hall.Tests.Support;

/// <summary>Real durable storage for hall tests: grain state and reminders, and the ticket store.</summary>
public sealed class HallStore : DurableTestStore
{
    private HallStore(string? directory, string? connectionString)
        : base(directory, connectionString)
    {
    }

    public static HallStore Sqlite() => new(NewSqliteDirectory("hall"), null);

    /// <summary>Over a schema someone else owns and drops (the connection string's Search Path).</summary>
    public static HallStore Postgres(string connectionString) => new(null, connectionString);

    protected override void AddSqliteStores(IServiceCollection services, SqliteDatabase database) =>
        services.AddSingleton<ITicketStore>(new SqliteTicketStore(database));

    protected override void AddPostgresStores(IServiceCollection services, PostgresDatabase database) =>
        services.AddSingleton<ITicketStore>(new PostgresTicketStore(database));
}
