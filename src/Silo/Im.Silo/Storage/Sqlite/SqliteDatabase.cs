using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Im.Silo.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file, <c>&lt;dataDirectory&gt;/im.db</c>, shared by the
/// grain state, reminder and history adapters, and next to it the search index's derived
/// file, <c>search.db</c>, which this class also opens for it (<see cref="SearchIndex"/>).
/// </summary>
/// <remarks>
/// Every connection runs with <c>synchronous=FULL</c> under WAL, so a commit is on disk
/// before the write returns: acks depend on it. SQLite admits one writer at a time, so
/// writes queue on an in-process gate instead of spinning on SQLITE_BUSY; reads run
/// concurrently on WAL snapshots. Call <see cref="InitializeAsync"/> once before use (the
/// hosted initializer does): it creates the directory, switches the file to WAL and
/// applies the schema.
/// </remarks>
public sealed class SqliteDatabase : IStorageDatabase, IDisposable
{
    public const string FileName = "im.db";

    /// <summary>The search index's file, next to <see cref="FileName"/> (see <see cref="SqliteSearchIndex"/>).</summary>
    public const string SearchFileName = "search.db";

    // Per connection: synchronous is not kept in the file, and busy_timeout covers other
    // processes (or other instances) writing the same file.
    private const string ConnectionPragmas = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000;";

    // The one connection every write of this instance goes through (see WriteAsync), so these
    // weigh on it alone. A history append touches pages all over the file (its key starts with
    // the conversation id), and every commit writes each page it touched whole into the WAL:
    // - a 16 MB page cache (SQLite's default is 2 MB) keeps the leaves of the conversations
    //   being written between commits, where the default read them back from the file for
    //   nearly every append;
    // - a checkpoint every 10,000 WAL pages (40 MB; the default is 1,000) copies a page that
    //   many commits rewrote into the file once instead of once per commit or two. The WAL
    //   file stays that large on disk between checkpoints.
    // - statement journals in memory: a statement that may fail halfway through a transaction
    //   (the search index's multi-row INSERT ... SELECT of a pass) keeps the pages it changed
    //   until it ends, and past 64 KB SQLite spilled them to a temporary file, a write call per
    //   page: about 0.7 of the 3.9 write calls per 1:1 send (session 15). They are never made durable.
    // Measured with `Im.Bench store` and `chat` (bench/README.md); none changes what a commit makes durable.
    private const string WriterPragmas = "PRAGMA cache_size = -16384; PRAGMA wal_autocheckpoint = 10000; PRAGMA temp_store = MEMORY;";

    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly string _connectionString;
    private readonly string _writerConnectionString;
    private readonly string _connectionPragmas;

    // Only touched under the write gate.
    private SqliteConnection? _writer;

    static SqliteDatabase() => SqliteLibrary.Configure();

    public SqliteDatabase(string dataDirectory)
        : this(dataDirectory, FileName, ConnectionPragmas)
    {
        SearchIndex = new SqliteSearchIndex(this, new SqliteDatabase(DataDirectory, SqliteSearchIndex.FileName, SqliteSearchIndex.ConnectionPragmas));
        HistoryKeys = new SqliteHistoryKeys(this, SearchIndex);
        SeqGuard = new SqliteSeqGuard(HistoryKeys);
    }

    private SqliteDatabase(string dataDirectory, string fileName, string connectionPragmas)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        DataDirectory = Path.GetFullPath(dataDirectory);
        FilePath = Path.Combine(DataDirectory, fileName);
        _connectionPragmas = connectionPragmas;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            ForeignKeys = true,
            Pooling = true,
        }.ToString();
        _writerConnectionString = new SqliteConnectionStringBuilder(_connectionString) { Pooling = false }.ToString();
    }

    public string DataDirectory { get; }

    public string FilePath { get; }

    /// <summary>The message search index of this file's history, kept in a file of its own next to it; null for that file itself.</summary>
    internal SqliteSearchIndex? SearchIndex { get; }

    /// <summary>Reads of this file's history by key, merged with search.db's keys; null for search.db itself.</summary>
    internal SqliteHistoryKeys? HistoryKeys { get; }

    /// <summary>
    /// What refuses a taken (conversation, seq) on this file's history: one per file, not per
    /// store, since what it knows is only true of the writes through this instance's writer.
    /// </summary>
    internal SqliteSeqGuard? SeqGuard { get; }

    /// <summary>
    /// SQLite has no instant type, so instants are integer UTC microseconds (see
    /// <see cref="StorageTime"/>).
    /// </summary>
    internal static DateTimeOffset ReadInstant(DbDataReader reader, int ordinal) =>
        StorageTime.FromUnixMicroseconds(reader.GetInt64(ordinal));

    /// <summary>
    /// Creates the directory, switches the file to WAL and, when asked, applies the scripts
    /// of deploy/sql/sqlite not yet recorded in schema_migrations. Safe to repeat.
    /// </summary>
    public async Task InitializeAsync(bool applySchema, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(DataDirectory);
        await WriteAsync(
            async (connection, token) =>
            {
                await EnableWalAsync(connection, token);
                if (applySchema)
                {
                    await SqliteSchema.ApplyAsync(connection, StorageNames.SchemaFolders.Sqlite, token);
                }

                return true;
            },
            cancellationToken);
        if (applySchema && SearchIndex is not null)
        {
            // Indexing starts now, not at the first search: a backlog (a file from before
            // search.db, or appends the last run did not index) is taken up meanwhile.
            await SearchIndex.StartAsync(cancellationToken);
        }
    }

    public void Dispose()
    {
        // The index reads this file: it stops first.
        SearchIndex?.Dispose();

        // Pooled connections keep the file open; a later instance over the same file must
        // really reopen it, and tests delete it.
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _writer?.Dispose();
        _writer = null;
        _writeGate.Dispose();
    }

    /// <summary>
    /// Runs a write alone among this instance's writers, on the instance's one writer
    /// connection. One connection, not one from the pool per write: under WAL a connection
    /// drops its whole page cache whenever another connection has written the file since its
    /// last transaction, so writes spread over the pool kept re-reading the same pages.
    /// </summary>
    internal async Task<T> WriteAsync<T>(Func<SqliteConnection, CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _writer ??= await OpenWriterAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await write(_writer, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                // A write that failed may have left the connection in any state (an I/O
                // error, a statement not reset): the next write starts from a fresh one.
                await _writer.DisposeAsync().ConfigureAwait(false);
                _writer = null;
                throw;
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Closes this instance's connections to its file, the writer and the pooled readers, so that the file can be moved; later calls open new ones.</summary>
    internal async Task CloseConnectionsAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_writer is not null)
            {
                await _writer.DisposeAsync().ConfigureAwait(false);
                _writer = null;
            }

            using var connection = new SqliteConnection(_connectionString);
            SqliteConnection.ClearPool(connection);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Switches the file to WAL; what <see cref="InitializeAsync"/> does first, for a file without scripts.</summary>
    internal Task EnableWalAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(DataDirectory);
        return WriteAsync(
            async (connection, token) =>
            {
                await EnableWalAsync(connection, token);
                return true;
            },
            cancellationToken);
    }

    /// <summary>Runs a read; under WAL reads do not wait for the writer.</summary>
    internal async Task<T> ReadAsync<T>(Func<SqliteConnection, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await read(connection, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task EnableWalAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        // journal_mode is kept in the file, so once per start-up is enough.
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        var mode = await command.ExecuteScalarAsync(cancellationToken) as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"SQLite file '{connection.DataSource}' could not switch to WAL (journal mode is '{mode}')");
        }
    }

    private Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) =>
        OpenAsync(_connectionString, _connectionPragmas, cancellationToken);

    private Task<SqliteConnection> OpenWriterAsync(CancellationToken cancellationToken) =>
        OpenAsync(_writerConnectionString, _connectionPragmas + WriterPragmas, cancellationToken);

    private static async Task<SqliteConnection> OpenAsync(string connectionString, string pragmas, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
