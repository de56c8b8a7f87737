namespace Im.Silo.Storage.Sqlite;

/// <summary>
/// How far search.db has taken up im.db: history rows up to a rowid, the re-index queue up
/// to an id. History rows are never deleted, so their rowids only grow, in commit order.
/// </summary>
internal sealed record SearchPosition(long HistoryRowId, long ReindexId)
{
    public static readonly SearchPosition Start = new(0, 0);

    public bool Covers(SearchPosition other) =>
        HistoryRowId >= other.HistoryRowId && ReindexId >= other.ReindexId;
}
