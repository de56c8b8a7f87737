using System.Globalization;
using Microsoft.Data.Sqlite;
using static Im.Silo.Storage.StorageNames;

namespace Im.Silo.Storage.Sqlite;

/// <summary>Applies a folder of deploy/sql (sqlite for im.db, sqlite-search for search.db) in file-name order, each file once.</summary>
internal static class SqliteSchema
{
    private const string TableExistsSql =
        $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{SchemaMigrations.Table}'";

    private const string AppliedSql =
        $"SELECT {SchemaMigrations.FileName} FROM {SchemaMigrations.Table}";

    private const string RecordSql = $"""
        INSERT INTO {SchemaMigrations.Table} ({SchemaMigrations.FileName}, {SchemaMigrations.AppliedAt})
        VALUES (@file, @now)
        ON CONFLICT ({SchemaMigrations.FileName}) DO NOTHING
        """;

    /// <summary>
    /// Runs in one IMMEDIATE transaction: another process opening the same file waits on
    /// the write lock and then finds the scripts applied. A failing script leaves nothing.
    /// </summary>
    public static async Task ApplyAsync(SqliteConnection connection, string folder, CancellationToken cancellationToken)
    {
        await using var transaction = connection.BeginTransaction(deferred: false);
        var applied = await ReadAppliedAsync(connection, transaction, cancellationToken);
        foreach (var script in SchemaScripts.For(folder))
        {
            if (applied.Contains(script.FileName))
            {
                continue;
            }

            await using var apply = connection.CreateCommand();
            apply.Transaction = transaction;
            apply.CommandText = script.Sql;
            await apply.ExecuteNonQueryAsync(cancellationToken);

            // Scripts record themselves so that applying them by hand is tracked too; this
            // covers a script that forgets.
            await using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = RecordSql;
            record.Parameters.AddWithValue("@file", script.FileName);
            record.Parameters.AddWithValue("@now", StorageTime.ToUnixMicroseconds(DateTimeOffset.UtcNow));
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<HashSet<string>> ReadAppliedAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = TableExistsSql;
        var tables = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        if (tables == 0)
        {
            return applied;
        }

        command.CommandText = AppliedSql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied.Add(reader.GetString(0));
        }

        return applied;
    }
}
