using Im.Domain.Review;
using Im.Silo.Storage.Sql;
using Npgsql;
using NpgsqlTypes;

namespace Im.Silo.Storage.Postgres;

/// <summary>
/// <see cref="IReviewAuditLog"/> over PostgreSQL: one autocommitted insert per record, so a
/// record is committed when the append returns; ids come from an identity column.
/// </summary>
public sealed class PostgresReviewAuditLog : IReviewAuditLog
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresReviewAuditLog(PostgresDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _dataSource = database.DataSource;
    }

    public async Task<long> AppendAsync(ReviewAuditRecord record, CancellationToken cancellationToken)
    {
        ReviewAuditSql.Check(record);
        await using var command = _dataSource.CreateCommand(ReviewAuditSql.Insert);
        command.Parameters.AddWithValue("at", NpgsqlDbType.TimestampTz, StorageTime.Normalize(record.At));
        command.Parameters.AddWithValue("conversation", record.ConversationId);
        command.Parameters.AddWithValue("sender", record.SenderId);
        command.Parameters.AddWithValue("client", record.ClientMsgId);
        command.Parameters.AddWithValue("decision", ReviewAuditSql.Decision(record.Decision));
        command.Parameters.AddWithValue("list", NpgsqlDbType.Text, (object?)record.ListName ?? DBNull.Value);
        command.Parameters.AddWithValue("words", ReviewAuditSql.Words(record.MatchedWords));
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<IReadOnlyList<ReviewAuditRecord>> ReadRecentAsync(int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var command = _dataSource.CreateCommand(ReviewAuditSql.ReadRecent);
        command.Parameters.AddWithValue("limit", limit);
        return await ReviewAuditSql.ReadRecordsAsync(command, PostgresDatabase.ReadInstant, cancellationToken);
    }
}
