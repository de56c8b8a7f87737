namespace Im.Edge.Tests;

/// <summary>Host settings for each storage provider a test can run against.</summary>
internal static class StorageSettings
{
    public const string PostgresVariable = "IM_TEST_POSTGRES";

    public static Dictionary<string, string?> Sqlite(string directory) => new()
    {
        ["Storage:Provider"] = "Sqlite",
        ["Storage:DataDirectory"] = directory,
    };

    /// <summary>A fresh schema on the CI server, or a skip when no server is configured.</summary>
    public static async Task<Dictionary<string, string?>> PostgresAsync(string schema)
    {
        var connectionString = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            Assert.Skip($"PostgreSQL tests need {PostgresVariable} (a connection string); .ci/run sets it.");
        }

        await using (var source = Npgsql.NpgsqlDataSource.Create(connectionString))
        {
            await using var command = source.CreateCommand($"CREATE SCHEMA IF NOT EXISTS {schema}");
            await command.ExecuteNonQueryAsync();
        }

        return new()
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = $"{connectionString};Search Path={schema}",
        };
    }
}
