using System.Collections.Concurrent;
using Npgsql;

namespace Im.Silo.Tests.Storage;

/// <summary>
/// A PostgreSQL server named by <see cref="EnvironmentVariable"/>, with one schema per
/// test class and named database (<c>t_&lt;random&gt;[_&lt;name&gt;]</c>), all dropped afterwards.
/// </summary>
public sealed class PostgresStorageFixture : IAsyncLifetime
{
    public const string EnvironmentVariable = "IM_TEST_POSTGRES";

    private readonly string _schemaPrefix = $"t_{Guid.NewGuid():N}"[..14];
    private readonly ConcurrentDictionary<string, string> _schemas = new(StringComparer.Ordinal);
    private readonly string? _connectionString = Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value ? value : null;
    private NpgsqlDataSource? _admin;

    public ValueTask InitializeAsync()
    {
        if (_connectionString is not null)
        {
            _admin = NpgsqlDataSource.Create(_connectionString);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>A connection string whose Search Path is the named database's schema; skips the test without a server.</summary>
    public async Task<string> ConnectionStringForAsync(string database, CancellationToken cancellationToken)
    {
        if (_connectionString is null || _admin is null)
        {
            Assert.Skip($"PostgreSQL tests need a server: set {EnvironmentVariable} to an Npgsql connection string, e.g. \"Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres\".");
        }

        var schema = _schemas.GetOrAdd(database, name => name == "main" ? _schemaPrefix : $"{_schemaPrefix}_{name.ToLowerInvariant()}");
        await using (var create = _admin.CreateCommand($"CREATE SCHEMA IF NOT EXISTS \"{schema}\""))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(_connectionString) { SearchPath = schema }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (_admin is null)
        {
            return;
        }

        foreach (var schema in _schemas.Values)
        {
            await using var drop = _admin.CreateCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
            await drop.ExecuteNonQueryAsync();
        }

        await _admin.DisposeAsync();
    }
}
