using Microsoft.Data.Sqlite;

namespace Im.Bench.BareHub;

/// <summary>
/// The least a durable REST operation costs here: one row committed to a SQLite file with
/// the settings Im's embedded store uses (WAL, <c>synchronous=FULL</c>, one writer at a
/// time). The hall scenarios measure taking a number and calling one against it.
/// </summary>
public sealed class DurableFloor : IDisposable
{
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly SqliteConnection _connection;
    private long _next;

    public DurableFloor(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        _connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "floor.db")}");
        _connection.Open();
        using var setup = _connection.CreateCommand();
        setup.CommandText = """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            CREATE TABLE IF NOT EXISTS floor_rows (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, subject TEXT NOT NULL, at INTEGER NOT NULL);
            """;
        setup.ExecuteNonQuery();
    }

    /// <summary>Commits one row and returns its number once it is on disk.</summary>
    public async Task<long> AppendAsync(string kind, string subject, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        try
        {
            var id = ++_next;
            await using var insert = _connection.CreateCommand();
            insert.CommandText = "INSERT INTO floor_rows (id, kind, subject, at) VALUES ($id, $kind, $subject, $at)";
            insert.Parameters.AddWithValue("$id", id);
            insert.Parameters.AddWithValue("$kind", kind);
            insert.Parameters.AddWithValue("$subject", subject);
            insert.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            await insert.ExecuteNonQueryAsync(cancellationToken);
            return id;
        }
        finally
        {
            _writer.Release();
        }
    }

    public void Dispose()
    {
        _connection.Dispose();
        _writer.Dispose();
    }
}
