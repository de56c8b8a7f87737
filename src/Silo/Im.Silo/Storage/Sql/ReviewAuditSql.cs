using System.Data.Common;
using Im.Domain.Review;
using static Im.Silo.Storage.StorageNames;

namespace Im.Silo.Storage.Sql;

/// <summary>
/// Review audit statements, identical in SQLite and PostgreSQL (both know RETURNING), and
/// the mapping of their rows; only the instant column's reader differs per dialect.
/// </summary>
internal static class ReviewAuditSql
{
    private const char WordSeparator = '\n';

    // Row mapping reads by ordinal, so this order and ReadRecordsAsync change together.
    private const string Columns =
        $"{ReviewAudit.Id}, {ReviewAudit.At}, {ReviewAudit.ConversationId}, {ReviewAudit.SenderId}, {ReviewAudit.ClientMsgId}, {ReviewAudit.Decision}, {ReviewAudit.ListName}, {ReviewAudit.MatchedWords}";

    public const string Insert = $"""
        INSERT INTO {ReviewAudit.Table} ({ReviewAudit.At}, {ReviewAudit.ConversationId}, {ReviewAudit.SenderId}, {ReviewAudit.ClientMsgId}, {ReviewAudit.Decision}, {ReviewAudit.ListName}, {ReviewAudit.MatchedWords})
        VALUES (@at, @conversation, @sender, @client, @decision, @list, @words)
        RETURNING {ReviewAudit.Id}
        """;

    public const string ReadRecent = $"""
        SELECT {Columns} FROM {ReviewAudit.Table}
        ORDER BY {ReviewAudit.Id} DESC
        LIMIT @limit
        """;

    public static void Check(ReviewAuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrEmpty(record.ConversationId, nameof(record));
        ArgumentException.ThrowIfNullOrEmpty(record.SenderId, nameof(record));
        ArgumentNullException.ThrowIfNull(record.ClientMsgId, nameof(record));
        ArgumentNullException.ThrowIfNull(record.MatchedWords, nameof(record));
    }

    public static string Decision(ReviewDecision decision) => decision.ToString().ToLowerInvariant();

    public static string Words(IReadOnlyList<string> words) => string.Join(WordSeparator, words);

    /// <summary>Runs a select of the audit columns and maps every row.</summary>
    public static Task<List<ReviewAuditRecord>> ReadRecordsAsync(DbCommand command, SqlInstant readInstant, CancellationToken cancellationToken) =>
        SqlRows.ReadAllAsync(
            command,
            reader => new ReviewAuditRecord(
                reader.GetInt64(0),
                readInstant(reader, 1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                Enum.Parse<ReviewDecision>(reader.GetString(5), ignoreCase: true),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.GetString(7) is { Length: > 0 } words ? words.Split(WordSeparator) : []),
            cancellationToken);
}
