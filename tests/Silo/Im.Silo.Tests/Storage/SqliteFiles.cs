using Im.Domain.History;
using Im.Silo.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Im.Silo.Tests.Storage;

/// <summary>What the tests of the embedded store's two files (im.db, search.db) share: opening them, their rows, reading them from outside.</summary>
internal static class SqliteFiles
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static string History(string directory) => Path.Combine(directory, SqliteDatabase.FileName);

    public static string Search(string directory) => Path.Combine(directory, SqliteSearchIndex.FileName);

    /// <summary>The store as a node opens it: schema applied, search index started.</summary>
    public static async Task<SqliteDatabase> OpenAsync(string directory)
    {
        var database = new SqliteDatabase(directory);
        await database.InitializeAsync(applySchema: true, Cancellation);
        return database;
    }

    /// <summary>Waits until search.db's index holds all of im.db's history, as a search does.</summary>
    public static Task CatchUpAsync(SqliteDatabase database) =>
        new SqliteMessageSearch(database, readAtMost: 0).SearchAsync(["none"], "catch up", 1, Cancellation);

    public static HistoryMessage Text(string conversation, long seq, string text) =>
        new(conversation, seq, "m-sender", $"{conversation}-{seq}", DateTimeOffset.UnixEpoch.AddSeconds(seq), Body(text));

    public static string Body(string text) => System.Text.Json.JsonSerializer.Serialize(new { text });

    public static void DeleteSearchFiles(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory, SqliteSearchIndex.FileName + "*"))
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// Counts search.db's clientMsgId tokens, one per history row taken up, for <see cref="CountAsync"/>:
    /// FTS5 cannot scan a contentless table without sizes, so its vocabulary counts them.
    /// </summary>
    public const string ClientTokenCount = """
        CREATE VIRTUAL TABLE temp.client_token_vocab USING fts5vocab(main, message_client_tokens, row);
        SELECT coalesce(sum(doc), 0) FROM temp.client_token_vocab
        """;

    public static async Task<long> CountAsync(string file, string sql)
    {
        await using var connection = Connect(file, SqliteOpenMode.ReadOnly);
        await connection.OpenAsync(Cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync(Cancellation))!;
    }

    /// <summary>Runs statements on a file from outside the store, as another process would.</summary>
    public static async Task ExecuteAsync(string file, string sql)
    {
        await using var connection = Connect(file, SqliteOpenMode.ReadWrite);
        await connection.OpenAsync(Cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Cancellation);
    }

    /// <summary>Takes search.db's write lock, as another process would, until disposed: the index can take nothing up meanwhile.</summary>
    public static async Task<SqliteConnection> HoldSearchWritesAsync(string directory)
    {
        var connection = Connect(Search(directory), SqliteOpenMode.ReadWrite);
        await connection.OpenAsync(Cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = "BEGIN IMMEDIATE";
        await command.ExecuteNonQueryAsync(Cancellation);
        return connection;
    }

    private static SqliteConnection Connect(string file, SqliteOpenMode mode) =>
        new(new SqliteConnectionStringBuilder { DataSource = file, Mode = mode, Pooling = false }.ToString());
}
