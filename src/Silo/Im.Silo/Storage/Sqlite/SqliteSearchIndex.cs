using Microsoft.Data.Sqlite;
using static Im.Silo.Storage.StorageNames;

namespace Im.Silo.Storage.Sqlite;

/// <summary>
/// The embedded store's message search index: FTS5 in a file of its own, search.db, written
/// behind im.db's history by a writer of its own, with the history's keys and clientMsgIds.
/// </summary>
/// <remarks>
/// <para>Why a file of its own: a trigram FTS5 row cost about a third of a history append,
/// and on im.db it was written by the one writer every ack waits for. Here it costs the
/// append nothing, runs on the other core while the next appends commit, and commits
/// without fsync: search.db is derived, rebuilt from im.db from its cursor.</para>
/// <para>How it follows: history rows are never deleted, so their rowids grow in commit
/// order, and the index takes them up by rowid from its cursor. Edits and recalls queue
/// their row in im.db's <c>search_reindex</c> in their own transaction, and the index takes
/// those up by id. Both cursors move in the transaction that writes the index rows, so a
/// crash loses nothing the next start does not redo. Appends and changes nudge the loop;
/// a poll covers other processes writing the same file.</para>
/// <para>The keys first: each pass writes the (conversation, seq) keys and the clientMsgIds of
/// up to <see cref="MaxKeysPerPass"/> rows past their own cursor, then the trigrams of up to
/// <see cref="MaxRowsPerPass"/> rows, never past the keys. Every read of the history by key
/// merges the keys with the rows past their cursor (<see cref="SqliteHistoryKeys"/>), which a
/// rebuild makes long, so the keys catch up sixteen times as fast as the trigrams.</para>
/// <para>Searches still see every acknowledged send: <see cref="CatchUpAsync"/> reads where
/// im.db stands when the search starts and waits until the index has reached it, which
/// takes one pass at most when the index keeps up.</para>
/// <para>Unreadable: every read of the history by key goes through this file, so a search.db
/// that SQLite finds corrupt, at start or later, is set aside and rebuilt from im.db
/// (<see cref="SetAsideIfUnreadableAsync"/>) instead of failing those reads until someone
/// removes it. im.db is never touched: it is the data.</para>
/// </remarks>
internal sealed partial class SqliteSearchIndex : IDisposable
{
    public const string FileName = SqliteDatabase.SearchFileName;

    /// <summary>Derived data: a commit is not fsynced (the WAL still keeps the file consistent through a crash).</summary>
    public const string ConnectionPragmas = "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000;";

    /// <summary>Bounds one pass (one transaction) by history rows for trigrams, and by re-index entries.</summary>
    public const int MaxRowsPerPass = 4096;

    /// <summary>
    /// Bounds one pass by history rows for keys and clientMsgIds: far more than for trigrams,
    /// so that after a rebuild the keys, which every read by key merges with the rows past
    /// them, catch up long before the trigrams do.
    /// </summary>
    public const int MaxKeysPerPass = 16 * MaxRowsPerPass;

    /// <summary>How long <see cref="CatchUpAsync"/> waits for the index before it fails (a search that may read instead waits <see cref="SqliteMessageSearch.LookupWait"/>).</summary>
    public static readonly TimeSpan CatchUpLimit = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a pass that appends asked for waits for more. Every commit nudges; one pass
    /// over many commits writes a busy conversation's key page and FTS5's segments once for
    /// all of its rows instead of once per commit. A waiting search cuts the wait short.
    /// </summary>
    public static readonly TimeSpan GatherDelay = TimeSpan.FromMilliseconds(200);

    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private const string CursorColumns = $"{SearchCursor.HistoryRowId}, {SearchCursor.ReindexId}, {SearchCursor.KeysRowId}";
    private const string ReadCursorSql = $"SELECT {CursorColumns} FROM {SearchCursor.Table} WHERE {SearchCursor.Id} = 1";
    private const string ClaimCursorSql = $"UPDATE {SearchCursor.Table} SET {SearchCursor.Id} = {SearchCursor.Id} WHERE {SearchCursor.Id} = 1 RETURNING {CursorColumns}";
    private const string WriteCursorSql = $"UPDATE {SearchCursor.Table} SET {SearchCursor.HistoryRowId} = @history, {SearchCursor.ReindexId} = @reindex, {SearchCursor.KeysRowId} = @keys WHERE {SearchCursor.Id} = 1";
    private const string PruneSql = $"DELETE FROM {SearchReindex.Table} WHERE {SearchReindex.Id} <= @through";

    private readonly SqliteDatabase _history;
    private readonly SqliteDatabase _index;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _startLock = new();
    private readonly SqliteReadGate _reads = new();
    private Task? _started;
    private Task? _loop;
    private int _nudged;
    private TaskCompletionSource _hurry = NewProgress();
    private SearchPosition _position = SearchPosition.Start;
    private TaskCompletionSource _progress = NewProgress();
    private Exception? _lastError;

    // Set when a read or a pass met a file SQLite reports corrupt; the loop checks search.db.
    private int _suspect;
    private long _foundReadableAt;

    public SqliteSearchIndex(SqliteDatabase history, SqliteDatabase index)
    {
        _history = history;
        _index = index;
    }

    public string FilePath => _index.FilePath;

    /// <summary>Why the last pass failed, or null once a pass succeeded since.</summary>
    public Exception? LastError => Volatile.Read(ref _lastError);

    /// <summary>Opens search.db (created and brought up to date as needed) and starts indexing; repeat calls share the first.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_startLock)
        {
            ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
            if (_started is null || _started.IsFaulted)
            {
                _started = StartCoreAsync();
            }

            return _started.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Something changed in im.db's history: index it soon. Never waits.</summary>
    public void Nudge()
    {
        if (Volatile.Read(ref _started) is null)
        {
            _ = StartAsync(CancellationToken.None);
        }

        if (Interlocked.Exchange(ref _nudged, 1) == 0)
        {
            _wake.Release();
        }
    }

    /// <summary>
    /// Waits until the index holds everything im.db held when this was called, so a search
    /// after an acknowledged send or recall sees it. Fails with <see cref="TimeoutException"/>
    /// after <see cref="CatchUpLimit"/> (the index is broken or far behind).
    /// </summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        if (await WaitForHistoryAsync(CatchUpLimit, cancellationToken).ConfigureAwait(false) is { } wanted)
        {
            throw new TimeoutException($"the search index did not reach im.db's history within {CatchUpLimit.TotalSeconds:0} s (indexed {_position}, wanted {wanted})", Volatile.Read(ref _lastError));
        }
    }

    /// <summary>As <see cref="CatchUpAsync"/>, but gives up after <paramref name="within"/>: false when the index is still behind.</summary>
    public async Task<bool> TryCatchUpAsync(TimeSpan within, CancellationToken cancellationToken) =>
        await WaitForHistoryAsync(within, cancellationToken).ConfigureAwait(false) is null;

    /// <summary>Waits up to <paramref name="within"/> for the index to hold what im.db holds now; returns null once it does, else where im.db stood.</summary>
    private async Task<SearchPosition?> WaitForHistoryAsync(TimeSpan within, CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken).ConfigureAwait(false);
        var target = await _history.ReadAsync(SqliteSearchChanges.ReadHighWaterAsync, cancellationToken).ConfigureAwait(false);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(within);
        while (true)
        {
            // The progress signal is taken before the position is read, and the loop publishes
            // the position before it signals: no pass can slip between the two unseen.
            var progressed = Volatile.Read(ref _progress).Task;
            if (Volatile.Read(ref _position).Covers(target))
            {
                return null;
            }

            Nudge();
            Volatile.Read(ref _hurry).TrySetResult();
            try
            {
                await progressed.WaitAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return target;
            }
        }
    }

    /// <summary>Runs a query on search.db; one that finds a file corrupt has the loop check search.db.</summary>
    public async Task<T> ReadAsync<T>(Func<SqliteConnection, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        await _reads.EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await _index.ReadAsync(read, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException error) when (IsUnreadable(error))
        {
            Volatile.Write(ref _suspect, 1);
            Nudge();
            throw;
        }
        finally
        {
            _reads.Exit();
        }
    }

    public void Dispose()
    {
        lock (_startLock)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            _stopping.Cancel();
        }

        try
        {
            // A pass is milliseconds of SQLite work; it checks the token between statements.
            _loop?.Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // The loop ends by cancellation; anything else was already recorded.
        }

        _index.Dispose();
        _wake.Dispose();
        _stopping.Dispose();
    }

    private static TaskCompletionSource NewProgress() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                // A start or a rebuild that failed is tried again before the next pass.
                if (Volatile.Read(ref _started) is { IsFaulted: true })
                {
                    await StartAsync(stopping).ConfigureAwait(false);
                }

                if (Interlocked.Exchange(ref _suspect, 0) == 1)
                {
                    await SetAsideIfUnreadableAsync(stopping).ConfigureAwait(false);
                }

                Volatile.Write(ref _nudged, 0);

                // A full pass means more is waiting: take it at once (keys or trigrams).
                while (await IndexPassAsync(stopping).ConfigureAwait(false) >= MaxRowsPerPass)
                {
                }

                var hurry = Volatile.Read(ref _hurry);
                await _wake.WaitAsync(PollInterval, stopping).ConfigureAwait(false);
                await Task.WhenAny(hurry.Task, Task.Delay(GatherDelay, stopping)).ConfigureAwait(false);

                // Spent: the next search hurries a fresh signal. One that raced this swap and
                // hit the spent one waits a gather at most; its nudge already stands.
                if (hurry.Task.IsCompleted)
                {
                    Interlocked.CompareExchange(ref _hurry, NewProgress(), hurry);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                // Nothing of a failed pass is kept (its transaction rolled back); the next one
                // starts from the same cursor. A search waiting meanwhile fails with this error.
                Volatile.Write(ref _lastError, error);
                if (error is SqliteException sqlite && IsUnreadable(sqlite))
                {
                    Volatile.Write(ref _suspect, 1);
                }
                try
                {
                    await Task.Delay(RetryDelay, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Indexes what im.db holds past the cursor, up to a pass's worth; returns how many rows and entries it took.</summary>
    private async Task<int> IndexPassAsync(CancellationToken cancellationToken)
    {
        var (through, taken, pruneThrough) = await _index.WriteAsync(
            async (connection, token) =>
            {
                await SqliteSearchAppends.AttachAsync(connection, _history.FilePath, token);

                // Deferred, then a write first: an immediate transaction would take a write lock
                // on the attached im.db too, and hold up its writer. Claiming the cursor takes
                // search.db's lock before anything of im.db is read, so another process indexing
                // the same files waits and then starts from where this one ended, and both
                // reads below see one snapshot of im.db.
                await using var transaction = connection.BeginTransaction(deferred: true);
                var from = await ClaimCursorAsync(connection, transaction, token);
                var (keysThrough, keyed) = await SqliteSearchAppends.TakeUpKeysAsync(connection, transaction, from.KeysRowId, MaxKeysPerPass, token);
                var (historyThrough, appended) = await SqliteSearchAppends.TakeUpTextAsync(connection, transaction, from.HistoryRowId, keysThrough, MaxRowsPerPass, token);
                var changes = await SqliteSearchChanges.ReadAsync(connection, transaction, from.ReindexId, historyThrough, MaxRowsPerPass, token);
                var through = new SearchPosition(historyThrough, changes.ReindexThrough, keysThrough);
                if (through != from)
                {
                    await using var rows = new SqliteSearchRows(connection, transaction);
                    await rows.WriteAsync(changes.Changed, token);
                    await WriteCursorAsync(connection, transaction, through, token);
                    await transaction.CommitAsync(token);
                }

                return (through, Math.Max(keyed, appended + changes.Entries), through.ReindexId > from.ReindexId ? through.ReindexId : 0);
            },
            cancellationToken).ConfigureAwait(false);

        Volatile.Write(ref _position, through);
        Interlocked.Exchange(ref _progress, NewProgress()).TrySetResult();
        Volatile.Write(ref _lastError, null);
        if (pruneThrough > 0)
        {
            await PruneAsync(pruneThrough, cancellationToken).ConfigureAwait(false);
        }

        return taken;
    }

    /// <summary>Deletes the re-index entries the index has taken up: they are only ever read past its cursor.</summary>
    private Task PruneAsync(long through, CancellationToken cancellationToken) =>
        _history.WriteAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = PruneSql;
                command.Parameters.AddWithValue("@through", through);
                return await command.ExecuteNonQueryAsync(token);
            },
            cancellationToken);

    private static Task<SearchPosition> ReadCursorAsync(SqliteConnection connection, CancellationToken cancellationToken) =>
        ReadCursorAsync(connection, null, ReadCursorSql, cancellationToken);

    /// <summary>Reads the cursor with a write that changes nothing, so the transaction holds search.db's write lock from here on.</summary>
    private static Task<SearchPosition> ClaimCursorAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken) =>
        ReadCursorAsync(connection, transaction, ClaimCursorSql, cancellationToken);

    private static async Task<SearchPosition> ReadCursorAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new SearchPosition(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2))
            : throw new InvalidOperationException($"{FileName} has no {SearchCursor.Table} row; its schema script writes it");
    }

    private static async Task WriteCursorAsync(SqliteConnection connection, SqliteTransaction transaction, SearchPosition position, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = WriteCursorSql;
        command.Parameters.AddWithValue("@history", position.HistoryRowId);
        command.Parameters.AddWithValue("@reindex", position.ReindexId);
        command.Parameters.AddWithValue("@keys", position.KeysRowId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
