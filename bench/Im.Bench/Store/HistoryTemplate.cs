using Im.Silo.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Im.Bench.Store;

/// <summary>
/// A SQLite file holding the group's prefilled history, written once through the real store
/// (so it has whatever schema the code under test makes) and copied for every run: each run
/// starts from the same file without paying for filling it again.
/// </summary>
public sealed class HistoryTemplate : IDisposable
{
    // Appends in flight while filling: large batches, as an import would make.
    private const int FillParallelism = 256;

    private HistoryTemplate(string directory) => Directory = directory;

    public string Directory { get; }

    public static async Task<HistoryTemplate> CreateAsync(StoreConversations conversations, int perConversation, CancellationToken cancellationToken)
    {
        var template = new HistoryTemplate(NewDirectory());
        try
        {
            using (var database = new SqliteDatabase(template.Directory))
            {
                await database.InitializeAsync(applySchema: true, cancellationToken);
                var store = new SqliteMessageHistoryStore(database);
                await Parallel.ForAsync(
                    0,
                    conversations.Count,
                    new ParallelOptions { MaxDegreeOfParallelism = FillParallelism, CancellationToken = cancellationToken },
                    async (c, token) => await store.AppendAsync([.. Enumerable.Range(1, perConversation).Select(s => conversations.Message(c, s))], token));

                // A lookup (readAtMost 0: never read from history instead) waits until the index
                // (search.db, written behind the history) holds everything appended: a run then
                // starts with no backlog to index.
                await new SqliteMessageSearch(database, readAtMost: 0).SearchAsync([conversations.Message(0, 1).ConversationId], "bench", 1, cancellationToken);
                await CheckpointAsync(database.FilePath, cancellationToken);
                await CheckpointAsync(Path.Combine(template.Directory, SqliteDatabase.SearchFileName), cancellationToken);
            }

            SqliteConnection.ClearAllPools();
            return template;
        }
        catch
        {
            template.Dispose();
            throw;
        }
    }

    /// <summary>A fresh copy of the file in a directory of its own, for one run.</summary>
    public string CopyForRun()
    {
        var directory = NewDirectory();
        System.IO.Directory.CreateDirectory(directory);
        foreach (var file in (string[])[SqliteDatabase.FileName, SqliteDatabase.SearchFileName])
        {
            File.Copy(Path.Combine(Directory, file), Path.Combine(directory, file));
        }

        return directory;
    }

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    public static string NewDirectory() => Path.Combine(Path.GetTempPath(), $"im-bench-store-{Guid.NewGuid():N}");

    // Everything into the main file, the WAL emptied: a copy of the file alone is then the whole database.
    private static async Task CheckpointAsync(string file, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
