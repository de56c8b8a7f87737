using System.Diagnostics;
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
internal sealed class SqliteSearchIndex : IDisposable
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

    /// <summary>How long a search waits for the index before it fails.</summary>
    public static readonly TimeSpan CatchUpLimit = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a pass that appends asked for waits for more. Every commit nudges; one pass
    /// over many commits writes a busy conversation's mapping page and FTS5 segment once for
    /// all of its rows instead of once per commit. A waiting search cuts the wait short.
    /// </summary>
    public static readonly TimeSpan GatherDelay = TimeSpan.FromMilliseconds(200);

    // SQLite's result codes for a file it cannot read as a database.
    private const int UnreadableFile = 11; // SQLITE_CORRUPT
    private const int NotADatabase = 26; // SQLITE_NOTADB

    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>
    /// After a check found search.db readable, how long corruption errors are taken for
    /// im.db's (both files are read by one statement) without checking again: a check reads
    /// the whole file.
    /// </summary>
    private static readonly TimeSpan RecheckAfter = TimeSpan.FromMinutes(1);

    private const string CursorColumns = $"{SearchCursor.HistoryRowId}, {SearchCursor.ReindexId}, {SearchCursor.KeysRowId}";
    private const string ReadCursorSql = $"SELECT {CursorColumns} FROM {SearchCursor.Table} WHERE {SearchCursor.Id} = 1";
    private const string ClaimCursorSql = $"UPDATE {SearchCursor.Table} SET {SearchCursor.Id} = {SearchCursor.Id} WHERE {SearchCursor.Id} = 1 RETURNING {CursorColumns}";
    private const string WriteCursorSql = $"UPDATE {SearchCursor.Table} SET {SearchCursor.HistoryRowId} = @history, {SearchCursor.ReindexId} = @reindex, {SearchCursor.KeysRowId} = @keys WHERE {SearchCursor.Id} = 1";
    // ORDER BY, not max(): FTS5 reads the last rowid without scanning the table.
    private const string IndexedMaxSql = $"SELECT rowid FROM {MessageSearch.Table} ORDER BY rowid DESC LIMIT 1";
    private const string ClearSql = $"INSERT INTO {MessageSearch.Table} ({MessageSearch.Table}) VALUES ('delete-all'); DELETE FROM {MessageClientIds.Table}; DELETE FROM {MessageKeys.Table};";
    private const string PruneSql = $"DELETE FROM {SearchReindex.Table} WHERE {SearchReindex.Id} <= @through";
    private const string QuickCheckSql = "PRAGMA quick_check(1)";

    private readonly SqliteDatabase _history;
    private readonly SqliteDatabase _index;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _startLock = new();
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
        await StartAsync(cancellationToken).ConfigureAwait(false);
        var target = await _history.ReadAsync(SqliteSearchChanges.ReadHighWaterAsync, cancellationToken).ConfigureAwait(false);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(CatchUpLimit);
        while (true)
        {
            // The progress signal is taken before the position is read, and the loop publishes
            // the position before it signals: no pass can slip between the two unseen.
            var progressed = Volatile.Read(ref _progress).Task;
            if (Volatile.Read(ref _position).Covers(target))
            {
                return;
            }

            Nudge();
            Volatile.Read(ref _hurry).TrySetResult();
            try
            {
                await progressed.WaitAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"the search index did not reach im.db's history within {CatchUpLimit.TotalSeconds:0} s (indexed {_position}, wanted {target})", Volatile.Read(ref _lastError));
            }
        }
    }

    /// <summary>Runs a query on search.db; one that finds a file corrupt has the loop check search.db.</summary>
    public async Task<T> ReadAsync<T>(Func<SqliteConnection, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
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

    private static bool IsUnreadable(SqliteException error) => error.SqliteErrorCode is UnreadableFile or NotADatabase;

    /// <summary>Opens search.db, setting it aside first if SQLite cannot read it, and starts the loop unless it runs (a start that failed is retried by the next caller).</summary>
    private async Task StartCoreAsync()
    {
        SearchPosition position;
        try
        {
            position = await OpenAsync().ConfigureAwait(false);
        }
        catch (SqliteException error) when (IsUnreadable(error))
        {
            position = await SetAsideAndOpenAsync().ConfigureAwait(false);
        }

        Volatile.Write(ref _position, position);
        lock (_startLock)
        {
            _loop ??= Task.Run(() => RunAsync(_stopping.Token));
        }
    }

    /// <summary>
    /// Sets search.db aside and rebuilds it when SQLite finds it corrupt. Reads and appends
    /// wait for the fresh file as they wait for a start; a read already under way meanwhile
    /// fails, and its retry finds the new file.
    /// </summary>
    private async Task SetAsideIfUnreadableAsync(CancellationToken cancellationToken)
    {
        if (_foundReadableAt != 0 && Stopwatch.GetElapsedTime(_foundReadableAt) < RecheckAfter)
        {
            return;
        }

        if (await IsReadableAsync(cancellationToken).ConfigureAwait(false))
        {
            // The corrupt file is im.db, which is never set aside; its reads and this loop's
            // passes fail until it is repaired.
            _foundReadableAt = Stopwatch.GetTimestamp();
            return;
        }

        Task<SearchPosition> reopening;
        lock (_startLock)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _started = reopening = SetAsideAndOpenAsync();
        }

        Volatile.Write(ref _position, await reopening.ConfigureAwait(false));
    }

    /// <summary>Whether SQLite reads search.db through, checked on a fresh connection.</summary>
    private async Task<bool> IsReadableAsync(CancellationToken cancellationToken)
    {
        await _index.CloseConnectionsAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await _index.ReadAsync(
                async (connection, token) =>
                {
                    await using var command = connection.CreateCommand();
                    command.CommandText = QuickCheckSql;
                    return await command.ExecuteScalarAsync(token) is string verdict && verdict == "ok";
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException error) when (IsUnreadable(error))
        {
            return false;
        }
    }

    /// <summary>
    /// Derived data SQLite cannot read: every read of the history by key goes through this
    /// file, so it is moved aside (kept for a look) and an empty one is opened, which the loop
    /// fills from im.db, keys first.
    /// </summary>
    private async Task<SearchPosition> SetAsideAndOpenAsync()
    {
        await _index.CloseConnectionsAsync(CancellationToken.None).ConfigureAwait(false);
        SetAside();
        return await OpenAsync().ConfigureAwait(false);
    }

    /// <summary>Opens search.db, brings its schema up to date, and returns where it stands.</summary>
    private async Task<SearchPosition> OpenAsync()
    {
        await _index.EnableWalAsync(CancellationToken.None).ConfigureAwait(false);
        return await _index.WriteAsync(
            async (connection, token) =>
            {
                await SqliteSchema.ApplyAsync(connection, SchemaFolders.SqliteSearch, token);
                return await ClearIfStaleAsync(connection, token);
            },
            CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Moves search.db and its WAL files to <c>search.db.unreadable-&lt;UTC time&gt;</c>, so the next open starts an empty index.</summary>
    private void SetAside()
    {
        var aside = $"{_index.FilePath}.unreadable-{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        foreach (var suffix in (string[])["", "-wal", "-shm"])
        {
            if (File.Exists(_index.FilePath + suffix))
            {
                File.Move(_index.FilePath + suffix, aside + suffix);
            }
        }
    }

    /// <summary>
    /// An index that is ahead of im.db (im.db was restored from a backup, or replaced) or
    /// holds rows past its own cursor cannot be trusted: it is emptied and rebuilt.
    /// </summary>
    private async Task<SearchPosition> ClearIfStaleAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var cursor = await ReadCursorAsync(connection, cancellationToken);
        var history = await _history.ReadAsync(SqliteSearchChanges.ReadHighWaterAsync, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = IndexedMaxSql;
        var indexedMax = await command.ExecuteScalarAsync(cancellationToken) is long rowId ? rowId : 0;
        if (cursor.KeysRowId <= history.HistoryRowId && indexedMax <= cursor.HistoryRowId)
        {
            return cursor;
        }

        await using var transaction = connection.BeginTransaction(deferred: false);
        command.Transaction = transaction;
        command.CommandText = ClearSql;
        await command.ExecuteNonQueryAsync(cancellationToken);
        await WriteCursorAsync(connection, transaction, SearchPosition.Start, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return SearchPosition.Start;
    }

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
