using Npgsql;
using Xunit;

namespace Im.Testing.Storage;

/// <summary>
/// One fresh schema per test class on the server named by <see cref="EnvironmentVariable"/>,
/// dropped afterwards. Tests of a class share it, so each uses ids of its own. Each test
/// project derives one with a schema prefix of its own (xunit class fixtures need a
/// parameterless constructor), so a schema left by a crash says whose it was.
/// </summary>
public abstract class PostgresSchemaFixture : IAsyncLifetime
{
    public const string EnvironmentVariable = "IM_TEST_POSTGRES";

    private readonly string? _server = Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value ? value : null;
    private readonly string _schema;
    private bool _created;

    protected PostgresSchemaFixture(string schemaPrefix) => _schema = $"{schemaPrefix}_{Guid.NewGuid():N}";

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>The class's schema as a connection string; skips the test when no server is configured.</summary>
    public async Task<string> ConnectionStringAsync()
    {
        if (_server is null)
        {
            Assert.Skip($"PostgreSQL tests need a server: set {EnvironmentVariable}, e.g. \"Host=127.0.0.1;Port=55432;Username=postgres;Database=im_test\" (.ci/postgres.sh starts one).");
        }

        if (!_created)
        {
            await using var admin = NpgsqlDataSource.Create(_server);
            await admin.CreateCommand($"CREATE SCHEMA IF NOT EXISTS \"{_schema}\"").ExecuteNonQueryAsync();
            _created = true;
        }

        return new NpgsqlConnectionStringBuilder(_server) { SearchPath = _schema }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (_server is null || !_created)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var admin = NpgsqlDataSource.Create(_server);
        await admin.CreateCommand($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE").ExecuteNonQueryAsync();
    }
}
