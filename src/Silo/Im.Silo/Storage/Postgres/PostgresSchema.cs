using Npgsql;
using static Im.Silo.Storage.StorageNames;

namespace Im.Silo.Storage.Postgres;

/// <summary>Applies deploy/sql/postgres in file-name order, each file once.</summary>
internal static class PostgresSchema
{
    // Any fixed number works as long as every node uses the same one ("ImSchema" in ASCII).
    private const long LockKey = 0x496D_5363_6865_6D61;

    private const string LockSql = "SELECT pg_advisory_xact_lock(@key)";

    // to_regclass resolves through the search_path, like the scripts' unqualified names.
    private const string TableExistsSql = $"SELECT to_regclass('{SchemaMigrations.Table}') IS NOT NULL";

    private const string AppliedSql = $"SELECT {SchemaMigrations.FileName} FROM {SchemaMigrations.Table}";

    private const string RecordSql = $"""
        INSERT INTO {SchemaMigrations.Table} ({SchemaMigrations.FileName}, {SchemaMigrations.AppliedAt})
        VALUES (@file, now())
        ON CONFLICT ({SchemaMigrations.FileName}) DO NOTHING
        """;

    /// <summary>
    /// One transaction holding a transaction-scoped advisory lock: a node that starts at the
    /// same time waits, then finds the scripts recorded. PostgreSQL DDL is transactional, so
    /// a failing script leaves nothing.
    /// </summary>
    public static async Task ApplyAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var @lock = new NpgsqlCommand(LockSql, connection, transaction))
        {
            @lock.Parameters.AddWithValue("key", LockKey);
            await @lock.ExecuteNonQueryAsync(cancellationToken);
        }

        var applied = await ReadAppliedAsync(connection, transaction, cancellationToken);
        foreach (var script in SchemaScripts.For(SchemaFolders.Postgres))
        {
            if (applied.Contains(script.FileName))
            {
                continue;
            }

            await using (var apply = new NpgsqlCommand(script.Sql, connection, transaction))
            {
                await apply.ExecuteNonQueryAsync(cancellationToken);
            }

            // Scripts record themselves so that applying them by hand is tracked too; this
            // covers a script that forgets.
            await using var record = new NpgsqlCommand(RecordSql, connection, transaction);
            record.Parameters.AddWithValue("file", script.FileName);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<HashSet<string>> ReadAppliedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using (var exists = new NpgsqlCommand(TableExistsSql, connection, transaction))
        {
            if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return applied;
            }
        }

        await using var command = new NpgsqlCommand(AppliedSql, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied.Add(reader.GetString(0));
        }

        return applied;
    }
}
