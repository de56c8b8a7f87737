using Im.Actors.Reminders;
using Npgsql;
using NpgsqlTypes;
using static Im.Silo.Storage.StorageNames;

namespace Im.Silo.Storage.Postgres;

/// <summary>
/// <see cref="IReminderStore"/> over PostgreSQL. Due times are timestamptz (microseconds,
/// UTC), periods are ticks; the etag is the row's version.
/// </summary>
public sealed class PostgresReminderStore : IReminderStore
{
    private const string Columns =
        $"{Reminders.GrainType}, {Reminders.GrainKey}, {Reminders.Name}, {Reminders.DueAt}, {Reminders.PeriodTicks}, {Reminders.Version}";

    private const string Key =
        $"{Reminders.GrainType} = @type AND {Reminders.GrainKey} = @key AND {Reminders.Name} = @name";

    private const string UpsertSql = $"""
        INSERT INTO {Reminders.Table} ({Columns})
        VALUES (@type, @key, @name, @due, @period, 1)
        ON CONFLICT ({Reminders.GrainType}, {Reminders.GrainKey}, {Reminders.Name}) DO UPDATE
        SET {Reminders.DueAt} = excluded.{Reminders.DueAt},
            {Reminders.PeriodTicks} = excluded.{Reminders.PeriodTicks},
            {Reminders.Version} = {Reminders.Table}.{Reminders.Version} + 1
        RETURNING {Reminders.Version}
        """;

    private const string RescheduleSql = $"""
        UPDATE {Reminders.Table}
        SET {Reminders.DueAt} = @due, {Reminders.Version} = @expected + 1
        WHERE {Key} AND {Reminders.Version} = @expected
        """;

    private const string DeleteSql = $"DELETE FROM {Reminders.Table} WHERE {Key}";

    private const string DeleteIfSql = $"{DeleteSql} AND {Reminders.Version} = @expected";

    private const string ReadForGrainSql = $"""
        SELECT {Columns} FROM {Reminders.Table}
        WHERE {Reminders.GrainType} = @type AND {Reminders.GrainKey} = @key
        ORDER BY {Reminders.Name}
        """;

    private const string ReadDueSql = $"""
        SELECT {Columns} FROM {Reminders.Table}
        WHERE {Reminders.DueAt} <= @dueBy
        ORDER BY {Reminders.DueAt}, {Reminders.GrainType}, {Reminders.GrainKey}, {Reminders.Name}
        LIMIT @limit
        """;

    private readonly NpgsqlDataSource _dataSource;

    public PostgresReminderStore(PostgresDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _dataSource = database.DataSource;
    }

    public async Task<ReminderEntry> UpsertAsync(ReminderEntry reminder, CancellationToken cancellationToken)
    {
        StorageArguments.Reminder(reminder);
        var dueAt = StorageTime.Normalize(reminder.DueAt);
        await using var command = _dataSource.CreateCommand(UpsertSql);
        AddKey(command, reminder.GrainType, reminder.GrainKey, reminder.Name);
        command.Parameters.AddWithValue("due", dueAt);
        command.Parameters.Add(new NpgsqlParameter("period", NpgsqlDbType.Bigint) { Value = (object?)reminder.Period?.Ticks ?? DBNull.Value });
        var version = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return reminder with { DueAt = dueAt, Etag = Etags.Format(version) };
    }

    public async Task<ReminderEntry?> TryRescheduleAsync(ReminderEntry reminder, DateTimeOffset nextDueAt, CancellationToken cancellationToken)
    {
        StorageArguments.Reminder(reminder);
        if (reminder.Etag is null)
        {
            throw new ArgumentException("rescheduling is conditional: pass the entry as the store returned it, with its etag", nameof(reminder));
        }

        if (!Etags.TryParse(reminder.Etag, out var expected))
        {
            return null;
        }

        var dueAt = StorageTime.Normalize(nextDueAt);
        await using var command = _dataSource.CreateCommand(RescheduleSql);
        AddKey(command, reminder.GrainType, reminder.GrainKey, reminder.Name);
        command.Parameters.AddWithValue("due", dueAt);
        command.Parameters.AddWithValue("expected", expected);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 0
            ? null
            : reminder with { DueAt = dueAt, Etag = Etags.Format(expected + 1) };
    }

    public async Task<bool> DeleteAsync(string grainType, string grainKey, string name, string? expectedEtag, CancellationToken cancellationToken)
    {
        StorageArguments.Key(grainType, grainKey);
        ArgumentException.ThrowIfNullOrEmpty(name);
        long expected = 0;
        if (expectedEtag is not null && !Etags.TryParse(expectedEtag, out expected))
        {
            return false;
        }

        await using var command = _dataSource.CreateCommand(expectedEtag is null ? DeleteSql : DeleteIfSql);
        AddKey(command, grainType, grainKey, name);
        if (expectedEtag is not null)
        {
            command.Parameters.AddWithValue("expected", expected);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task<IReadOnlyList<ReminderEntry>> ReadForGrainAsync(string grainType, string grainKey, CancellationToken cancellationToken)
    {
        StorageArguments.Key(grainType, grainKey);
        await using var command = _dataSource.CreateCommand(ReadForGrainSql);
        command.Parameters.AddWithValue("type", grainType);
        command.Parameters.AddWithValue("key", grainKey);
        return await ReadEntriesAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<ReminderEntry>> ReadDueAsync(DateTimeOffset dueBy, int limit, CancellationToken cancellationToken)
    {
        StorageArguments.Limit(limit);
        await using var command = _dataSource.CreateCommand(ReadDueSql);
        command.Parameters.AddWithValue("dueBy", StorageTime.Normalize(dueBy));
        command.Parameters.AddWithValue("limit", limit);
        return await ReadEntriesAsync(command, cancellationToken);
    }

    private static void AddKey(NpgsqlCommand command, string grainType, string grainKey, string name)
    {
        command.Parameters.AddWithValue("type", grainType);
        command.Parameters.AddWithValue("key", grainKey);
        command.Parameters.AddWithValue("name", name);
    }

    private static async Task<IReadOnlyList<ReminderEntry>> ReadEntriesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var entries = new List<ReminderEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new ReminderEntry(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3),
                reader.IsDBNull(4) ? null : TimeSpan.FromTicks(reader.GetInt64(4)),
                Etags.Format(reader.GetInt64(5))));
        }

        return entries;
    }
}
