using Im.Silo.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Im.Bench.Store;

/// <summary>A fresh copy of the prefilled files for one run, opened as a node opens them; disposing deletes it.</summary>
public sealed class TemplateCopy : IDisposable
{
    private readonly string _directory;

    private TemplateCopy(string directory)
    {
        _directory = directory;
        Database = new SqliteDatabase(directory);
    }

    public SqliteDatabase Database { get; }

    public static async Task<TemplateCopy> OpenAsync(HistoryTemplate template, CancellationToken cancellationToken)
    {
        var copy = new TemplateCopy(template.CopyForRun());
        try
        {
            await copy.Database.InitializeAsync(applySchema: true, cancellationToken);
            return copy;
        }
        catch
        {
            copy.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Database.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
