namespace Im.Silo.Storage;

/// <summary>
/// The <c>Storage</c> configuration section: which adapter backs grain state, reminders and
/// message history, and where it keeps its data.
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    public const string SqliteProvider = "Sqlite";

    public const string PostgresProvider = "Postgres";

    /// <summary><see cref="SqliteProvider"/> (the embedded default) or <see cref="PostgresProvider"/>.</summary>
    public string Provider { get; set; } = SqliteProvider;

    /// <summary>Directory of the SQLite file (<c>im.db</c>); relative paths resolve against the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Npgsql connection string; its <c>Search Path</c> picks the schema. Required for PostgreSQL.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Whether start-up applies the scripts of deploy/sql; turn off when operators apply them by hand.</summary>
    public bool ApplySchema { get; set; } = true;

    /// <summary>
    /// SQLite: a search of conversations holding at most this many messages together reads
    /// them instead of looking up the index; 0 looks up every query of 3+ characters.
    /// </summary>
    public int SearchReadAtMost { get; set; } = Sqlite.SqliteMessageSearch.DefaultReadAtMost;
}
