using Im.Actors.Storage;
using Im.Silo.Storage.Sql;
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
    // updated_at is stamped by the server clock, now(); SQLite has no timestamptz and is
    // given the time as UTC microseconds instead.
    private const string InsertSql = $"""
        INSERT INTO {GrainState.Table} ({GrainStateSql.InsertColumns})
        VALUES (@type, @key, @version, @data, now())
        {GrainStateSql.InsertConflict}
        """;

    private const string UpdateSql = $"""
        UPDATE {GrainState.Table}
        SET {GrainState.Version} = @version, {GrainState.Data} = @data, {GrainState.UpdatedAt} = now()
        WHERE {GrainStateSql.Key} AND {GrainState.Version} = @expected
        """;

    private readonly NpgsqlDataSource _dataSource;

    public PostgresGrainStateStore(PostgresDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _dataSource = database.DataSource;
    }

    public async Task<StoredGrainState> ReadAsync(string grainType, string grainKey, CancellationToken cancellationToken)
    {
        StorageArguments.Key(grainType, grainKey);
        await using var command = _dataSource.CreateCommand(GrainStateSql.Read);
        command.Parameters.AddWithValue("type", grainType);
        command.Parameters.AddWithValue("key", grainKey);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return StoredGrainState.Missing;
        }

        return GrainStateSql.ToState(reader);
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
        var version = GrainStateSql.NextVersion(grainType, grainKey, expectedEtag, out var expected);
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
