using System.Data.Common;
using Npgsql;

namespace Im.Silo.Storage.Postgres;

/// <summary>
/// The PostgreSQL backend: one <see cref="NpgsqlDataSource"/> shared by the grain state,
/// reminder and history adapters. The connection string's <c>Search Path</c> picks the
/// schema; no statement names one.
/// </summary>
/// <remarks>
/// Writes return after commit, which PostgreSQL makes durable as long as
/// <c>synchronous_commit</c> stays on (the default); acks depend on it. The caller owns
/// the data source and disposes it.
/// </remarks>
public sealed class PostgresDatabase : IStorageDatabase
{
    public PostgresDatabase(NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        DataSource = dataSource;
    }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>Instants are timestamptz here; Npgsql returns them in UTC.</summary>
    internal static DateTimeOffset ReadInstant(DbDataReader reader, int ordinal) =>
        reader.GetFieldValue<DateTimeOffset>(ordinal);

    /// <summary>
    /// When asked, applies the scripts of deploy/sql/postgres not yet recorded in
    /// schema_migrations, under an advisory lock so nodes starting together apply each once.
    /// Safe to repeat.
    /// </summary>
    public Task InitializeAsync(bool applySchema, CancellationToken cancellationToken) =>
        applySchema ? PostgresSchema.ApplyAsync(DataSource, cancellationToken) : Task.CompletedTask;
}
