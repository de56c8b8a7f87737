using Im.Domain.Review;
using Im.Silo.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace Im.Silo.Storage.Sqlite;

/// <summary>
/// <see cref="IReviewAuditLog"/> over the embedded SQLite file. Appends go through the
/// file's write gate and commit with <c>synchronous=FULL</c>, so a record is on disk when
/// the append returns.
/// </summary>
public sealed class SqliteReviewAuditLog : IReviewAuditLog
{
    private readonly SqliteDatabase _database;

    public SqliteReviewAuditLog(SqliteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    public Task<long> AppendAsync(ReviewAuditRecord record, CancellationToken cancellationToken)
    {
        ReviewAuditSql.Check(record);
        return _database.WriteAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = ReviewAuditSql.Insert;
                command.Parameters.AddWithValue("@at", StorageTime.ToUnixMicroseconds(record.At));
                command.Parameters.AddWithValue("@conversation", record.ConversationId);
                command.Parameters.AddWithValue("@sender", record.SenderId);
                command.Parameters.AddWithValue("@client", record.ClientMsgId);
                command.Parameters.AddWithValue("@decision", ReviewAuditSql.Decision(record.Decision));
                command.Parameters.Add("@list", SqliteType.Text).Value = (object?)record.ListName ?? DBNull.Value;
                command.Parameters.AddWithValue("@words", ReviewAuditSql.Words(record.MatchedWords));
                return (long)(await command.ExecuteScalarAsync(token))!;
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<ReviewAuditRecord>> ReadRecentAsync(int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return _database.ReadAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = ReviewAuditSql.ReadRecent;
                command.Parameters.AddWithValue("@limit", limit);
                return (IReadOnlyList<ReviewAuditRecord>)await ReviewAuditSql.ReadRecordsAsync(command, SqliteDatabase.ReadInstant, token);
            },
            cancellationToken);
    }
}
