namespace Im.Domain.Search;

/// <summary>
/// Text search over message history, restricted to conversations the caller names.
/// </summary>
/// <remarks>
/// Guarantees every adapter keeps (the shared storage behaviour suite checks them):
/// <list type="bullet">
/// <item>Only messages of <c>conversationIds</c> are returned: callers pass the
/// conversations the member belongs to, and authorization rests on that.</item>
/// <item>A search sees every history append, edit and recall that returned before the search
/// began. PostgreSQL writes the index in the append's transaction; SQLite writes it behind,
/// in a file of its own, and a search first waits until it has caught up.</item>
/// <item>Matching is by substring, case-insensitive for Latin letters, and works for
/// Chinese (no word segmentation needed); queries of one or two characters match too.</item>
/// <item>Hits come newest first, at most <c>limit</c>.</item>
/// </list>
/// </remarks>
public interface IMessageSearch
{
    Task<IReadOnlyList<SearchHit>> SearchAsync(IReadOnlyCollection<string> conversationIds, string query, int limit, CancellationToken cancellationToken);
}
