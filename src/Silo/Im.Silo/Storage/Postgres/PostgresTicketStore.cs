using Im.Hall.Tickets;
using Im.Silo.Storage.Sql;
using Npgsql;
using NpgsqlTypes;

namespace Im.Silo.Storage.Postgres;

/// <summary>
/// <see cref="ITicketStore"/> over PostgreSQL, hash-partitioned by queue day. A write is one
/// transaction sent as one batch: inserts that hit a unique key and updates whose version
/// moved touch no row, and then the transaction is rolled back and the write fails as a
/// conflict. Concurrent writers of one row queue on its lock and re-check, so one wins.
/// </summary>
public sealed class PostgresTicketStore : ITicketStore
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresTicketStore(PostgresDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _dataSource = database.DataSource;
    }

    public async Task<IReadOnlyList<TicketRow>> LoadAsync(string queueDay, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(queueDay);
        await using var command = _dataSource.CreateCommand(TicketSql.Load);
        command.Parameters.AddWithValue("day", queueDay);
        return await SqlRows.ReadAllAsync(command, TicketSql.ToRow, cancellationToken);
    }

    public async Task<IReadOnlyList<long>> WriteAsync(string queueDay, IReadOnlyList<TicketRow> rows, CancellationToken cancellationToken)
    {
        if (!TicketSql.Check(queueDay, rows))
        {
            return [];
        }

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var row in rows)
        {
            var command = new NpgsqlBatchCommand(row.Version == 0 ? TicketSql.Insert : TicketSql.Update);
            command.Parameters.AddWithValue("day", queueDay);
            command.Parameters.AddWithValue("id", row.Ticket.TicketId);
            command.Parameters.AddWithValue("told", row.ToldReady);
            command.Parameters.AddWithValue("version", row.Version + 1);
            command.Parameters.AddWithValue("data", NpgsqlDbType.Jsonb, TicketSql.Serialize(row.Ticket));
            if (row.Version == 0)
            {
                command.Parameters.AddWithValue("number", NpgsqlDbType.Integer, (object?)row.Number ?? DBNull.Value);
            }
            else
            {
                command.Parameters.AddWithValue("expected", row.Version);
            }

            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        var versions = new long[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            if (batch.BatchCommands[i].RecordsAffected != 1)
            {
                // Disposing the uncommitted transaction rolls the whole batch back.
                throw TicketSql.Conflict(queueDay, rows[i]);
            }

            versions[i] = rows[i].Version + 1;
        }

        await transaction.CommitAsync(cancellationToken);
        return versions;
    }
}
