using Im.Bench.Measurement;
using Im.Silo.Storage.Sqlite;

namespace Im.Bench.Store;

/// <summary>
/// One member's search: <see cref="SqliteMessageSearch.SearchAsync"/> over the key's
/// <see cref="ConversationsPerMember"/> conversations of a copy of the prefilled file, for the
/// next of a fixed rotation of queries, common ones and one found nowhere. How the search chooses between
/// reading the conversations and looking up the index is the variant's
/// <c>readAtMost</c>.
/// </summary>
public sealed class HistorySearchTarget : ILoadTarget
{
    public const int ConversationsPerMember = 50;

    private const int HitsPerSearch = 20;

    // Three phrases, each in one message of four (the file's texts come from four templates),
    // and one in none.
    private static readonly string[] Queries = ["会议室讨论", "quarterly report", "回归测试", "罢工投票"];

    private readonly TemplateCopy _copy;
    private readonly SqliteMessageSearch _search;
    private readonly string[][] _scopes;
    private readonly int[] _next;

    private HistorySearchTarget(TemplateCopy copy, int readAtMost, string[][] scopes)
    {
        _copy = copy;
        _search = new SqliteMessageSearch(copy.Database, readAtMost);
        _scopes = scopes;
        _next = new int[scopes.Length];
    }

    public static string QueryList => string.Join(", ", Queries.Select(q => $"`{q}`"));

    public static async Task<ILoadTarget> CreateAsync(HistoryTemplate template, StoreConversations conversations, int keys, int readAtMost, CancellationToken cancellationToken)
    {
        // Member k's conversations are spread over the file, as a member's chats are.
        var stride = Math.Max(1, conversations.Count / (keys * ConversationsPerMember));
        var scopes = Enumerable.Range(0, keys)
            .Select(key => Enumerable.Range(0, ConversationsPerMember).Select(i => conversations.Id(((i * keys) + key) * stride % conversations.Count)).ToArray())
            .ToArray();
        return new HistorySearchTarget(await TemplateCopy.OpenAsync(template, cancellationToken), readAtMost, scopes);
    }

    public Task CallAsync(int key)
    {
        var query = Queries[_next[key]++ % Queries.Length];
        return _search.SearchAsync(_scopes[key], query, HitsPerSearch, CancellationToken.None);
    }

    public ValueTask DisposeAsync()
    {
        _copy.Dispose();
        return ValueTask.CompletedTask;
    }
}
