using System.Runtime.InteropServices;
using Im.Actors.Storage;
using Im.Silo.Storage.Sql;
using Microsoft.Data.Sqlite;
using static Im.Silo.Storage.StorageNames;

namespace Im.Silo.Storage.Sqlite;

/// <summary>
/// <see cref="IGrainStateStore"/> over the embedded SQLite file. The etag is the row's
/// version; every write is one conditional statement, so a conflict changes nothing.
/// </summary>
public sealed class SqliteGrainStateStore : IGrainStateStore
{
    // updated_at is integer UTC microseconds passed in as @now: SQLite has no timestamptz,
    // so it cannot use PostgreSQL's now().
    private const string InsertSql = $"""
        INSERT INTO {GrainState.Table} ({GrainStateSql.InsertColumns})
        VALUES (@type, @key, @version, @data, @now)
        {GrainStateSql.InsertConflict}
        """;

    private const string UpdateSql = $"""
        UPDATE {GrainState.Table}
        SET {GrainState.Version} = @version, {GrainState.Data} = @data, {GrainState.UpdatedAt} = @now
        WHERE {GrainStateSql.Key} AND {GrainState.Version} = @expected
        """;

    private readonly SqliteDatabase _database;

    public SqliteGrainStateStore(SqliteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    public Task<StoredGrainState> ReadAsync(string grainType, string grainKey, CancellationToken cancellationToken)
    {
        StorageArguments.Key(grainType, grainKey);
        return _database.ReadAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = GrainStateSql.Read;
                command.Parameters.AddWithValue("@type", grainType);
                command.Parameters.AddWithValue("@key", grainKey);
                await using var reader = await command.ExecuteReaderAsync(token);
                if (!await reader.ReadAsync(token))
                {
                    return StoredGrainState.Missing;
                }

                return GrainStateSql.ToState(reader);
            },
            cancellationToken);
    }

    public Task<string> WriteAsync(string grainType, string grainKey, ReadOnlyMemory<byte> data, string? expectedEtag, CancellationToken cancellationToken)
    {
        StorageArguments.Key(grainType, grainKey);
        return WriteRowAsync(grainType, grainKey, ToArray(data), expectedEtag, cancellationToken);
    }

    public Task<string> ClearAsync(string grainType, string grainKey, string? expectedEtag, CancellationToken cancellationToken)
    {
        StorageArguments.Key(grainType, grainKey);
        return WriteRowAsync(grainType, grainKey, null, expectedEtag, cancellationToken);
    }

    private static byte[] ToArray(ReadOnlyMemory<byte> data) =>
        MemoryMarshal.TryGetArray(data, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : data.ToArray();

    private Task<string> WriteRowAsync(string grainType, string grainKey, byte[]? data, string? expectedEtag, CancellationToken cancellationToken)
    {
        var version = GrainStateSql.NextVersion(grainType, grainKey, expectedEtag, out var expected);
        return _database.WriteAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = expectedEtag is null ? InsertSql : UpdateSql;
                command.Parameters.AddWithValue("@type", grainType);
                command.Parameters.AddWithValue("@key", grainKey);
                command.Parameters.AddWithValue("@version", version);
                command.Parameters.Add("@data", SqliteType.Blob).Value = (object?)data ?? DBNull.Value;
                command.Parameters.AddWithValue("@now", StorageTime.ToUnixMicroseconds(DateTimeOffset.UtcNow));
                command.Parameters.AddWithValue("@expected", expected);
                if (await command.ExecuteNonQueryAsync(token) == 0)
                {
                    throw new InconsistentStateException(grainType, grainKey, expectedEtag);
                }

                return Etags.Format(version);
            },
            cancellationToken);
    }
}
