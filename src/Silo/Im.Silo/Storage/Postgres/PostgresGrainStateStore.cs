using Im.Actors.Storage;
using Npgsql;
using NpgsqlTypes;
using static Im.Silo.Storage.StorageNames;

namespace Im.Silo.Storage.Postgres;

/// <summary>
/// <see cref="IGrainStateStore"/> over PostgreSQL. The etag is the row's version; every
/// write is one conditional statement, and concurrent writers queue on the row lock and
/// re-check the version, so exactly one of them wins.
/// </summary>
public sealed class PostgresGrainStateStore : IGrainStateStore
{
    private const string ReadSql = $"""
        SELECT {GrainState.Version}, {GrainState.Data}
        FROM {GrainState.Table}
        WHERE {GrainState.GrainType} = @type AND {GrainState.GrainKey} = @key
        """;

    // A tombstone counts as an existing row: an etag-less writer must not resurrect it.
    private const string InsertSql = $"""
        INSERT INTO {GrainState.Table}
            ({GrainState.GrainType}, {GrainState.GrainKey}, {GrainState.Version}, {GrainState.Data}, {GrainState.UpdatedAt})
        VALUES (@type, @key, @version, @data, now())
        ON CONFLICT ({GrainState.GrainType}, {GrainState.GrainKey}) DO NOTHING
        """;

    private const string UpdateSql = $"""
        UPDATE {GrainState.Table}
        SET {GrainState.Version} = @version, {GrainState.Data} = @data, {GrainState.UpdatedAt} = now()
        WHERE {GrainState.GrainType} = @type AND {GrainState.GrainKey} = @key AND {GrainState.Version} = @expected
        """;

    private const long FirstVersion = 1;

    private readonly NpgsqlDataSource _dataSource;

    public PostgresGrainStateStore(PostgresDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _dataSource = database.DataSource;
    }

    public async Task<StoredGrainState> ReadAsync(string grainType, string grainKey, CancellationToken cancellationToken)
    {
        StorageArguments.Key(grainType, grainKey);
        await using var command = _dataSource.CreateCommand(ReadSql);
        command.Parameters.AddWithValue("type", grainType);
        command.Parameters.AddWithValue("key", grainKey);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return StoredGrainState.Missing;
        }

        var data = reader.IsDBNull(1) ? null : reader.GetFieldValue<byte[]>(1);
        return new StoredGrainState(data, Etags.Format(reader.GetInt64(0)));
    }

    public Task<string> WriteAsync(string grainType, string grainKey, ReadOnlyMemory<byte> data, string? expectedEtag, CancellationToken cancellationToken)
    {
        StorageArguments.Key(grainType, grainKey);
        return WriteRowAsync(grainType, grainKey, new NpgsqlParameter<ReadOnlyMemory<byte>>("data", NpgsqlDbType.Bytea) { TypedValue = data }, expectedEtag, cancellationToken);
    }

    public Task<string> ClearAsync(string grainType, string grainKey, string? expectedEtag, CancellationToken cancellationToken)
    {
        StorageArguments.Key(grainType, grainKey);
        return WriteRowAsync(grainType, grainKey, new NpgsqlParameter("data", NpgsqlDbType.Bytea) { Value = DBNull.Value }, expectedEtag, cancellationToken);
    }

    private async Task<string> WriteRowAsync(string grainType, string grainKey, NpgsqlParameter data, string? expectedEtag, CancellationToken cancellationToken)
    {
        long expected = 0;
        if (expectedEtag is not null && !Etags.TryParse(expectedEtag, out expected))
        {
            throw new InconsistentStateException(grainType, grainKey, expectedEtag);
        }

        var version = expectedEtag is null ? FirstVersion : expected + 1;
        await using var command = _dataSource.CreateCommand(expectedEtag is null ? InsertSql : UpdateSql);
        command.Parameters.AddWithValue("type", grainType);
        command.Parameters.AddWithValue("key", grainKey);
        command.Parameters.AddWithValue("version", version);
        command.Parameters.Add(data);
        if (expectedEtag is not null)
        {
            command.Parameters.AddWithValue("expected", expected);
        }

        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw new InconsistentStateException(grainType, grainKey, expectedEtag);
        }

        return Etags.Format(version);
    }
}
