using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Im.Silo.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file, <c>&lt;dataDirectory&gt;/im.db</c>, shared by the
/// grain state, reminder and history adapters.
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

    // Per connection: synchronous is not kept in the file, and busy_timeout covers other
    // processes (or other instances) writing the same file.
    private const string ConnectionPragmas = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000;";

    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly string _connectionString;

    public SqliteDatabase(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        DataDirectory = Path.GetFullPath(dataDirectory);
        FilePath = Path.Combine(DataDirectory, FileName);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            ForeignKeys = true,
            Pooling = true,
        }.ToString();
    }

    public string DataDirectory { get; }

    public string FilePath { get; }

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
    public Task InitializeAsync(bool applySchema, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(DataDirectory);
        return WriteAsync(
            async (connection, token) =>
            {
                await EnableWalAsync(connection, token);
                if (applySchema)
                {
                    await SqliteSchema.ApplyAsync(connection, token);
                }

                return true;
            },
            cancellationToken);
    }

    public void Dispose()
    {
        // Pooled connections keep the file open; a later instance over the same file must
        // really reopen it, and tests delete it.
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _writeGate.Dispose();
    }

    /// <summary>Runs a write alone among this instance's writers.</summary>
    internal async Task<T> WriteAsync<T>(Func<SqliteConnection, CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                return await write(connection, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _writeGate.Release();
        }
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

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = ConnectionPragmas;
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
