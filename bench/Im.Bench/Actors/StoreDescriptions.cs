using Microsoft.Data.Sqlite;
using Npgsql;

namespace Im.Bench.Actors;

/// <summary>
/// What the storage scenarios ran against, for the report: durability settings decide
/// these figures more than any code does.
/// </summary>
public static class StoreDescriptions
{
    public static string Sqlite()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        return $"SQLite {connection.ServerVersion} (WAL, synchronous=FULL), a fresh file under {Path.GetTempPath()} per run, deleted after";
    }

    public static async Task<string> PostgresAsync(string connectionString, CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        await using var source = NpgsqlDataSource.Create(connectionString);
        await using var command = source.CreateCommand(
            "SELECT current_setting('server_version'), current_setting('fsync'), current_setting('synchronous_commit')");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return $"PostgreSQL {reader.GetString(0)} at {target.Host}:{target.Port}/{target.Database} (fsync={reader.GetString(1)}, synchronous_commit={reader.GetString(2)}), a fresh schema bench_<random> per run, dropped after";
    }
}
