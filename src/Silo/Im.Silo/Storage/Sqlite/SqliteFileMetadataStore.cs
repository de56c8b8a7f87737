using Im.Domain.Files;
using Im.Silo.Storage.Sql;

namespace Im.Silo.Storage.Sqlite;

/// <summary>
/// <see cref="IFileMetadataStore"/> over the embedded SQLite file: inserts go through the
/// write gate and commit with <c>synchronous=FULL</c>; the primary key refuses a second
/// record for an id.
/// </summary>
public sealed class SqliteFileMetadataStore : IFileMetadataStore
{
    private readonly SqliteDatabase _database;

    public SqliteFileMetadataStore(SqliteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    public Task AddAsync(StoredFile file, CancellationToken cancellationToken)
    {
        FileSql.Check(file);
        return _database.WriteAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = FileSql.Insert;
                command.Parameters.AddWithValue("@id", file.FileId);
                command.Parameters.AddWithValue("@conversation", file.ConversationId);
                command.Parameters.AddWithValue("@uploader", file.UploaderId);
                command.Parameters.AddWithValue("@name", file.Name);
                command.Parameters.AddWithValue("@type", file.ContentType);
                command.Parameters.AddWithValue("@size", file.Size);
                command.Parameters.AddWithValue("@sha", file.Sha256);
                command.Parameters.AddWithValue("@createdAt", StorageTime.ToUnixMicroseconds(file.CreatedAt));
                return await command.ExecuteNonQueryAsync(token);
            },
            cancellationToken);
    }

    public Task<StoredFile?> FindAsync(string fileId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileId);
        return _database.ReadAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = FileSql.Find;
                command.Parameters.AddWithValue("@id", fileId);
                return await FileSql.ReadAsync(command, SqliteDatabase.ReadInstant, token);
            },
            cancellationToken);
    }
}
