using System.Data.Common;
using System.Text;
using System.Text.Json;
using Im.Domain.History;
using Im.Domain.Search;
using static Im.Silo.Storage.StorageNames;

namespace Im.Silo.Storage.Sql;

/// <summary>
/// What both search adapters share: the text a message is indexed by, LIKE patterns,
/// argument checks and the snippet around a match.
/// </summary>
internal static class SearchSql
{
    public const string Insert = $"""
        INSERT INTO {MessageSearch.Table} ({MessageSearch.ConversationId}, {MessageSearch.Seq}, {MessageSearch.SenderId}, {MessageSearch.SentAt}, {MessageSearch.Text})
        VALUES (@conversation, @seq, @sender, @sentAt, @text)
        """;

    /// <summary>
    /// Re-indexes one message from its history row after an edit or a recall, in the update's
    /// transaction, so recalled text stops being findable the moment the recall is durable.
    /// </summary>
    public const string ReindexFromHistory = $"""
        INSERT INTO {MessageSearch.Table} ({MessageSearch.ConversationId}, {MessageSearch.Seq}, {MessageSearch.SenderId}, {MessageSearch.SentAt}, {MessageSearch.Text})
        SELECT {MessageHistory.ConversationId}, {MessageHistory.Seq}, {MessageHistory.SenderId}, {MessageHistory.SentAt}, @text
        FROM {MessageHistory.Table}
        WHERE {MessageHistory.ConversationId} = @conversation AND {MessageHistory.Bucket} = @bucket AND {MessageHistory.Seq} = @seq
        """;

    private const int SnippetLength = 120;
    private const int SnippetLead = 30;

    /// <summary>
    /// The searchable text of a stored message: the body's <c>text</c> field. Bodies are
    /// opaque JSON to the history store, so anything without a text (or unreadable) has none.
    /// </summary>
    public static string? TextOf(HistoryMessage message) => TextOf(message.Body);

    /// <summary>The searchable text of a stored body.</summary>
    public static string? TextOf(string storedBody)
    {
        try
        {
            using var body = JsonDocument.Parse(storedBody);
            return body.RootElement.ValueKind == JsonValueKind.Object
                && body.RootElement.TryGetProperty("text", out var text)
                && text.ValueKind == JsonValueKind.String
                && text.GetString() is { Length: > 0 } value ? value : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static void Check(IReadOnlyCollection<string> conversationIds, string query, int limit)
    {
        ArgumentNullException.ThrowIfNull(conversationIds);
        ArgumentException.ThrowIfNullOrEmpty(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
    }

    /// <summary><c>%query%</c> with LIKE's wildcards escaped by a backslash (<c>ESCAPE '\'</c>).</summary>
    public static string ContainsPattern(string query)
    {
        var pattern = new StringBuilder(query.Length + 2).Append('%');
        foreach (var c in query)
        {
            if (c is '%' or '_' or '\\')
            {
                pattern.Append('\\');
            }

            pattern.Append(c);
        }

        return pattern.Append('%').ToString();
    }

    /// <summary>Maps rows of (conversation, seq, sender, sentAt, text) to hits with a snippet around the query.</summary>
    public static Task<List<SearchHit>> ReadHitsAsync(DbCommand command, SqlInstant readInstant, string query, CancellationToken cancellationToken) =>
        SqlRows.ReadAllAsync(
            command,
            reader => new SearchHit(
                reader.GetString(0),
                reader.GetInt64(1),
                reader.GetString(2),
                Snippet(reader.GetString(4), query),
                readInstant(reader, 3)),
            cancellationToken);

    // Long messages are cut to a window that starts a little before the first match, so
    // the client shows why the message matched.
    private static string Snippet(string text, string query)
    {
        if (text.Length <= SnippetLength)
        {
            return text;
        }

        var at = Math.Max(0, text.IndexOf(query, StringComparison.OrdinalIgnoreCase));
        var start = Math.Clamp(at - SnippetLead, 0, text.Length - SnippetLength);
        return text.Substring(start, SnippetLength);
    }
}
