using System.Data.Common;
using Im.Domain.Files;
using static Im.Silo.Storage.StorageNames;

namespace Im.Silo.Storage.Sql;

/// <summary>File metadata statements, identical in SQLite and PostgreSQL; only the instant column's reader differs.</summary>
internal static class FileSql
{
    // Row mapping reads by ordinal, so this order and ReadAsync change together.
    private const string Columns =
        $"{FileMetadata.FileId}, {FileMetadata.ConversationId}, {FileMetadata.UploaderId}, {FileMetadata.Name}, {FileMetadata.ContentType}, {FileMetadata.Size}, {FileMetadata.Sha256}, {FileMetadata.CreatedAt}";

    public const string Insert = $"""
        INSERT INTO {FileMetadata.Table} ({Columns})
        VALUES (@id, @conversation, @uploader, @name, @type, @size, @sha, @createdAt)
        """;

    public const string Find = $"SELECT {Columns} FROM {FileMetadata.Table} WHERE {FileMetadata.FileId} = @id";

    public static void Check(StoredFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentException.ThrowIfNullOrEmpty(file.FileId, nameof(file));
        ArgumentException.ThrowIfNullOrEmpty(file.ConversationId, nameof(file));
        ArgumentException.ThrowIfNullOrEmpty(file.UploaderId, nameof(file));
        ArgumentNullException.ThrowIfNull(file.Name, nameof(file));
        ArgumentException.ThrowIfNullOrEmpty(file.ContentType, nameof(file));
        ArgumentException.ThrowIfNullOrEmpty(file.Sha256, nameof(file));
        ArgumentOutOfRangeException.ThrowIfNegative(file.Size, nameof(file));
    }

    public static async Task<StoredFile?> ReadAsync(DbCommand command, SqlInstant readInstant, CancellationToken cancellationToken)
    {
        var rows = await SqlRows.ReadAllAsync(
            command,
            reader => new StoredFile(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetInt64(5),
                reader.GetString(6),
                readInstant(reader, 7)),
            cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }
}
