using System.Diagnostics;
using Microsoft.Data.Sqlite;
using static Im.Silo.Storage.StorageNames;

namespace Im.Silo.Storage.Sqlite;

/// <summary>
/// Opening search.db: its schema brought up to date, an index that cannot be trusted emptied,
/// and a file SQLite cannot read set aside, at start or while running.
/// </summary>
internal sealed partial class SqliteSearchIndex
{
    // SQLite's result codes for a file it cannot read as a database.
    private const int UnreadableFile = 11; // SQLITE_CORRUPT
    private const int NotADatabase = 26; // SQLITE_NOTADB

    /// <summary>
    /// After a check found search.db readable, how long corruption errors are taken for
    /// im.db's (both files are read by one statement) without checking again: a check reads
    /// the whole file.
    /// </summary>
    private static readonly TimeSpan RecheckAfter = TimeSpan.FromMinutes(1);

    // ORDER BY, not max(): FTS5 reads the last rowid without scanning the table.
    private const string IndexedMaxSql = $"SELECT rowid FROM {MessageSearch.Table} ORDER BY rowid DESC LIMIT 1";
    private const string ClearSql = $"INSERT INTO {MessageSearch.Table} ({MessageSearch.Table}) VALUES ('delete-all'); INSERT INTO {MessageClientTokens.Table} ({MessageClientTokens.Table}) VALUES ('delete-all'); DELETE FROM {MessageKeys.Table};";
    private const string QuickCheckSql = "PRAGMA quick_check(1)";

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
    /// fills from im.db, keys first. Moved with no connection open on it (<see cref="SqliteReadGate"/>):
    /// reads under way end first, and new ones wait for the fresh file.
    /// </summary>
    private async Task<SearchPosition> SetAsideAndOpenAsync()
    {
        await _reads.CloseAsync().ConfigureAwait(false);
        try
        {
            await _index.CloseConnectionsAsync(CancellationToken.None).ConfigureAwait(false);
            SetAside();
            return await OpenAsync().ConfigureAwait(false);
        }
        finally
        {
            _reads.Open();
        }
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
}
