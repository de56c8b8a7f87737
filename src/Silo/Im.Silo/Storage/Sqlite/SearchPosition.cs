namespace Im.Silo.Storage.Sqlite;

/// <summary>
/// How far search.db has taken up im.db: history rows up to a rowid for trigrams, the
/// re-index queue up to an id, and history rows up to a rowid for keys and clientMsgIds
/// (never behind the trigrams). History rows are never deleted, so their rowids only grow,
/// in commit order.
/// </summary>
internal sealed record SearchPosition(long HistoryRowId, long ReindexId, long KeysRowId)
{
    public static readonly SearchPosition Start = new(0, 0, 0);

    /// <summary>Whether searches may answer from here: the trigrams and the re-index queue have reached <paramref name="other"/>.</summary>
    public bool Covers(SearchPosition other) =>
        HistoryRowId >= other.HistoryRowId && ReindexId >= other.ReindexId;
}
