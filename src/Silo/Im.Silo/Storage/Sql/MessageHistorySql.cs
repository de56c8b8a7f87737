using System.Data.Common;
using Im.Domain.History;
using static Im.Silo.Storage.StorageNames;

namespace Im.Silo.Storage.Sql;

/// <summary>
/// Message history statements, identical in SQLite and PostgreSQL, and the mapping of
/// their rows. Only the sent-at column's type differs, so each adapter passes the reader
/// for it.
/// </summary>
internal static class MessageHistorySql
{
    // Row mapping reads by ordinal, so this order and ReadMessagesAsync change together.
    public const string Columns =
        $"{MessageHistory.ConversationId}, {MessageHistory.Seq}, {MessageHistory.SenderId}, {MessageHistory.ClientMsgId}, {MessageHistory.SentAt}, {MessageHistory.Body}, {MessageHistory.EditVersion}";

    // New messages start at edit version 0 (the column's default).
    public const string Insert = $"""
        INSERT INTO {MessageHistory.Table} ({MessageHistory.Bucket}, {MessageHistory.ConversationId}, {MessageHistory.Seq}, {MessageHistory.SenderId}, {MessageHistory.ClientMsgId}, {MessageHistory.SentAt}, {MessageHistory.Body})
        VALUES (@bucket, @conversation, @seq, @sender, @client, @sentAt, @body)
        """;

    // The version check in the WHERE clause is the compare-and-set: a writer holding a
    // stale version matches no row, whatever ran in between.
    public const string UpdateBody = $"""
        UPDATE {MessageHistory.Table}
        SET {MessageHistory.Body} = @body, {MessageHistory.EditVersion} = @expected + 1
        WHERE {MessageHistory.ConversationId} = @conversation
          AND {MessageHistory.Bucket} = @bucket
          AND {MessageHistory.Seq} = @seq
          AND {MessageHistory.EditVersion} = @expected
        """;

    // Bucket bounds keep the scan on the key's (conversation, bucket) prefix.
    public const string ReadAfter = $"""
        SELECT {Columns} FROM {MessageHistory.Table}
        WHERE {MessageHistory.ConversationId} = @conversation
          AND {MessageHistory.Bucket} BETWEEN @firstBucket AND @lastBucket
          AND {MessageHistory.Seq} > @after AND {MessageHistory.Seq} < @before
        ORDER BY {MessageHistory.Bucket}, {MessageHistory.Seq}
        LIMIT @limit
        """;

    public const string ReadBefore = $"""
        SELECT {Columns} FROM {MessageHistory.Table}
        WHERE {MessageHistory.ConversationId} = @conversation
          AND {MessageHistory.Bucket} <= @lastBucket
          AND {MessageHistory.Seq} < @before
        ORDER BY {MessageHistory.Bucket} DESC, {MessageHistory.Seq} DESC
        LIMIT @limit
        """;

    public const string MaxSeq = $"""
        SELECT {MessageHistory.Seq} FROM {MessageHistory.Table}
        WHERE {MessageHistory.ConversationId} = @conversation
        ORDER BY {MessageHistory.Bucket} DESC, {MessageHistory.Seq} DESC
        LIMIT 1
        """;

    // PostgreSQL's client-id index holds both columns, so it can answer alone (SQLite keeps these ids in search.db: SqliteClientMsgIds).
    public const string ClientMsgIds = $"""
        SELECT {MessageHistory.ClientMsgId} FROM {MessageHistory.Table}
        WHERE {MessageHistory.ConversationId} = @conversation
        """;

    public const string Find = $"""
        SELECT {Columns} FROM {MessageHistory.Table}
        WHERE {MessageHistory.ConversationId} = @conversation AND {MessageHistory.ClientMsgId} = @client
        ORDER BY {MessageHistory.Seq}
        LIMIT 1
        """;

    /// <summary>Runs a select of <see cref="Columns"/> and maps every row.</summary>
    public static Task<List<HistoryMessage>> ReadMessagesAsync(DbCommand command, SqlInstant readInstant, CancellationToken cancellationToken) =>
        SqlRows.ReadAllAsync(
            command,
            reader => new HistoryMessage(
                reader.GetString(0),
                reader.GetInt64(1),
                reader.GetString(2),
                reader.GetString(3),
                readInstant(reader, 4),
                reader.GetString(5),
                reader.GetInt64(6)),
            cancellationToken);

    /// <summary>Runs a select of one text column and returns its values.</summary>
    public static async Task<IReadOnlyList<string>> ReadStringsAsync(DbCommand command, CancellationToken cancellationToken) =>
        await SqlRows.ReadAllAsync(command, reader => reader.GetString(0), cancellationToken);
}
