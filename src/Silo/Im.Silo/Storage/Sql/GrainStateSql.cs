using System.Data.Common;
using Im.Actors.Storage;
using static Im.Silo.Storage.StorageNames;

namespace Im.Silo.Storage.Sql;

/// <summary>
/// Grain state statements both dialects run as written, and the version arithmetic their
/// conditional writes share. The insert and update stay in each adapter: they stamp
/// <c>updated_at</c> differently.
/// </summary>
internal static class GrainStateSql
{
    public const string Key = $"{GrainState.GrainType} = @type AND {GrainState.GrainKey} = @key";

    public const string InsertColumns =
        $"{GrainState.GrainType}, {GrainState.GrainKey}, {GrainState.Version}, {GrainState.Data}, {GrainState.UpdatedAt}";

    // A tombstone counts as an existing row: an etag-less writer must not resurrect it.
    public const string InsertConflict = $"ON CONFLICT ({GrainState.GrainType}, {GrainState.GrainKey}) DO NOTHING";

    public const string Read = $"""
        SELECT {GrainState.Version}, {GrainState.Data}
        FROM {GrainState.Table}
        WHERE {Key}
        """;

    private const long FirstVersion = 1;

    /// <summary>Maps a row of <see cref="Read"/>; a null blob is a cleared state's tombstone.</summary>
    public static StoredGrainState ToState(DbDataReader reader) =>
        new(reader.IsDBNull(1) ? null : reader.GetFieldValue<byte[]>(1), Etags.Format(reader.GetInt64(0)));

    /// <summary>
    /// The version a write stores: the first for an etag-less insert, else one past the
    /// expected. An etag this store never issued can only lose, so it fails before any I/O.
    /// </summary>
    public static long NextVersion(string grainType, string grainKey, string? expectedEtag, out long expected)
    {
        expected = 0;
        if (expectedEtag is not null && !Etags.TryParse(expectedEtag, out expected))
        {
            throw new InconsistentStateException(grainType, grainKey, expectedEtag);
        }

        return expectedEtag is null ? FirstVersion : expected + 1;
    }
}
