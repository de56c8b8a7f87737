using Im.Domain.Files;
using Im.Silo.Storage.Sql;
using Npgsql;
using NpgsqlTypes;

namespace Im.Silo.Storage.Postgres;

/// <summary>
/// <see cref="IFileMetadataStore"/> over PostgreSQL: one autocommitted insert per file, so
/// the record is committed when the add returns; the primary key refuses a second record for an id.
/// </summary>
public sealed class PostgresFileMetadataStore : IFileMetadataStore
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresFileMetadataStore(PostgresDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _dataSource = database.DataSource;
    }

    public async Task AddAsync(StoredFile file, CancellationToken cancellationToken)
    {
        FileSql.Check(file);
        await using var command = _dataSource.CreateCommand(FileSql.Insert);
        command.Parameters.AddWithValue("id", file.FileId);
        command.Parameters.AddWithValue("conversation", file.ConversationId);
        command.Parameters.AddWithValue("uploader", file.UploaderId);
        command.Parameters.AddWithValue("name", file.Name);
        command.Parameters.AddWithValue("type", file.ContentType);
        command.Parameters.AddWithValue("size", file.Size);
        command.Parameters.AddWithValue("sha", file.Sha256);
        command.Parameters.AddWithValue("createdAt", NpgsqlDbType.TimestampTz, StorageTime.Normalize(file.CreatedAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<StoredFile?> FindAsync(string fileId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileId);
        await using var command = _dataSource.CreateCommand(FileSql.Find);
        command.Parameters.AddWithValue("id", fileId);
        return await FileSql.ReadAsync(command, PostgresDatabase.ReadInstant, cancellationToken);
    }
}
