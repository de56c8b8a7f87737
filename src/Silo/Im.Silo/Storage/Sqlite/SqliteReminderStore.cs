using Im.Actors.Reminders;
using Microsoft.Data.Sqlite;
using static Im.Silo.Storage.StorageNames;

namespace Im.Silo.Storage.Sqlite;

/// <summary>
/// <see cref="IReminderStore"/> over the embedded SQLite file. Due times are stored as UTC
/// microseconds, periods as ticks; the etag is the row's version.
/// </summary>
public sealed class SqliteReminderStore : IReminderStore
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

    private readonly SqliteDatabase _database;

    public SqliteReminderStore(SqliteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    public Task<ReminderEntry> UpsertAsync(ReminderEntry reminder, CancellationToken cancellationToken)
    {
        StorageArguments.Reminder(reminder);
        return _database.WriteAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = UpsertSql;
                AddKey(command, reminder.GrainType, reminder.GrainKey, reminder.Name);
                command.Parameters.AddWithValue("@due", StorageTime.ToUnixMicroseconds(reminder.DueAt));
                command.Parameters.AddWithValue("@period", (object?)reminder.Period?.Ticks ?? DBNull.Value);
                var version = (long)(await command.ExecuteScalarAsync(token))!;
                return reminder with { DueAt = StorageTime.Normalize(reminder.DueAt), Etag = Etags.Format(version) };
            },
            cancellationToken);
    }

    public Task<ReminderEntry?> TryRescheduleAsync(ReminderEntry reminder, DateTimeOffset nextDueAt, CancellationToken cancellationToken)
    {
        StorageArguments.Reminder(reminder);
        if (reminder.Etag is null)
        {
            throw new ArgumentException("rescheduling is conditional: pass the entry as the store returned it, with its etag", nameof(reminder));
        }

        if (!Etags.TryParse(reminder.Etag, out var expected))
        {
            return Task.FromResult<ReminderEntry?>(null);
        }

        return _database.WriteAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = RescheduleSql;
                AddKey(command, reminder.GrainType, reminder.GrainKey, reminder.Name);
                command.Parameters.AddWithValue("@due", StorageTime.ToUnixMicroseconds(nextDueAt));
                command.Parameters.AddWithValue("@expected", expected);
                return await command.ExecuteNonQueryAsync(token) == 0
                    ? null
                    : reminder with { DueAt = StorageTime.Normalize(nextDueAt), Etag = Etags.Format(expected + 1) };
            },
            cancellationToken);
    }

    public Task<bool> DeleteAsync(string grainType, string grainKey, string name, string? expectedEtag, CancellationToken cancellationToken)
    {
        StorageArguments.Key(grainType, grainKey);
        ArgumentException.ThrowIfNullOrEmpty(name);
        long expected = 0;
        if (expectedEtag is not null && !Etags.TryParse(expectedEtag, out expected))
        {
            return Task.FromResult(false);
        }

        return _database.WriteAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = expectedEtag is null ? DeleteSql : DeleteIfSql;
                AddKey(command, grainType, grainKey, name);
                command.Parameters.AddWithValue("@expected", expected);
                return await command.ExecuteNonQueryAsync(token) > 0;
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<ReminderEntry>> ReadForGrainAsync(string grainType, string grainKey, CancellationToken cancellationToken)
    {
        StorageArguments.Key(grainType, grainKey);
        return _database.ReadAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = ReadForGrainSql;
                command.Parameters.AddWithValue("@type", grainType);
                command.Parameters.AddWithValue("@key", grainKey);
                return await ReadEntriesAsync(command, token);
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<ReminderEntry>> ReadDueAsync(DateTimeOffset dueBy, int limit, CancellationToken cancellationToken)
    {
        StorageArguments.Limit(limit);
        return _database.ReadAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = ReadDueSql;
                command.Parameters.AddWithValue("@dueBy", StorageTime.ToUnixMicroseconds(dueBy));
                command.Parameters.AddWithValue("@limit", limit);
                return await ReadEntriesAsync(command, token);
            },
            cancellationToken);
    }

    private static void AddKey(SqliteCommand command, string grainType, string grainKey, string name)
    {
        command.Parameters.AddWithValue("@type", grainType);
        command.Parameters.AddWithValue("@key", grainKey);
        command.Parameters.AddWithValue("@name", name);
    }

    private static async Task<IReadOnlyList<ReminderEntry>> ReadEntriesAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var entries = new List<ReminderEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new ReminderEntry(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                StorageTime.FromUnixMicroseconds(reader.GetInt64(3)),
                reader.IsDBNull(4) ? null : TimeSpan.FromTicks(reader.GetInt64(4)),
                Etags.Format(reader.GetInt64(5))));
        }

        return entries;
    }
}
