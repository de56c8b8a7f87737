using Im.Hall.Tickets;
using Im.Silo.Storage.Sql;

namespace Im.Silo.Storage.Sqlite;

/// <summary>
/// <see cref="ITicketStore"/> over the embedded SQLite file. A write is one immediate
/// transaction behind the write gate: every statement must touch exactly one row, or the
/// transaction rolls back and the write fails as a conflict.
/// </summary>
public sealed class SqliteTicketStore : ITicketStore
{
    private readonly SqliteDatabase _database;

    public SqliteTicketStore(SqliteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    public Task<IReadOnlyList<TicketRow>> LoadAsync(string queueDay, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(queueDay);
        return _database.ReadAsync<IReadOnlyList<TicketRow>>(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = TicketSql.Load;
                command.Parameters.AddWithValue("@day", queueDay);
                return await SqlRows.ReadAllAsync(command, TicketSql.ToRow, token);
            },
            cancellationToken);
    }

    public async Task<IReadOnlyList<long>> WriteAsync(string queueDay, IReadOnlyList<TicketRow> rows, CancellationToken cancellationToken)
    {
        if (!TicketSql.Check(queueDay, rows))
        {
            return [];
        }

        return await _database.WriteAsync<IReadOnlyList<long>>(
            async (connection, token) =>
            {
                // Immediate: another process on the file waits here, not at the first write.
                await using var transaction = connection.BeginTransaction(deferred: false);
                var versions = new long[rows.Count];
                for (var i = 0; i < rows.Count; i++)
                {
                    var row = rows[i];
                    await using var command = connection.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = row.Version == 0 ? TicketSql.Insert : TicketSql.Update;
                    command.Parameters.AddWithValue("@day", queueDay);
                    command.Parameters.AddWithValue("@id", row.Ticket.TicketId);
                    command.Parameters.AddWithValue("@number", (object?)row.Number ?? DBNull.Value);
                    command.Parameters.AddWithValue("@told", row.ToldReady);
                    command.Parameters.AddWithValue("@version", row.Version + 1);
                    command.Parameters.AddWithValue("@expected", row.Version);
                    command.Parameters.AddWithValue("@data", TicketSql.Serialize(row.Ticket));
                    if (await command.ExecuteNonQueryAsync(token) != 1)
                    {
                        // Disposing the uncommitted transaction rolls back the rows before this one.
                        throw TicketSql.Conflict(queueDay, row);
                    }

                    versions[i] = row.Version + 1;
                }

                await transaction.CommitAsync(token);
                return versions;
            },
            cancellationToken);
    }
}
