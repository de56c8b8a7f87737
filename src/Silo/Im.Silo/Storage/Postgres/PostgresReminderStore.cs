using Im.Actors.Reminders;
using Im.Silo.Storage.Sql;
using Npgsql;
using NpgsqlTypes;

namespace Im.Silo.Storage.Postgres;

/// <summary>
/// <see cref="IReminderStore"/> over PostgreSQL. Due times are timestamptz (microseconds,
/// UTC), periods are ticks; the etag is the row's version.
/// </summary>
public sealed class PostgresReminderStore : IReminderStore
{
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
        await using var command = _dataSource.CreateCommand(ReminderSql.Upsert);
        AddKey(command, reminder.GrainType, reminder.GrainKey, reminder.Name);
        command.Parameters.AddWithValue("due", dueAt);
        command.Parameters.Add(new NpgsqlParameter("period", NpgsqlDbType.Bigint) { Value = (object?)reminder.Period?.Ticks ?? DBNull.Value });
        var version = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return reminder with { DueAt = dueAt, Etag = Etags.Format(version) };
    }

    public async Task<ReminderEntry?> TryRescheduleAsync(ReminderEntry reminder, DateTimeOffset nextDueAt, CancellationToken cancellationToken)
    {
        var etag = StorageArguments.Reschedule(reminder);
        if (!Etags.TryParse(etag, out var expected))
        {
            return null;
        }

        var dueAt = StorageTime.Normalize(nextDueAt);
        await using var command = _dataSource.CreateCommand(ReminderSql.Reschedule);
        AddKey(command, reminder.GrainType, reminder.GrainKey, reminder.Name);
        command.Parameters.AddWithValue("due", dueAt);
        command.Parameters.AddWithValue("expected", expected);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 0
            ? null
            : reminder with { DueAt = dueAt, Etag = Etags.Format(expected + 1) };
    }

    public async Task<bool> DeleteAsync(string grainType, string grainKey, string name, string? expectedEtag, CancellationToken cancellationToken)
    {
        StorageArguments.ReminderKey(grainType, grainKey, name);
        long expected = 0;
        if (expectedEtag is not null && !Etags.TryParse(expectedEtag, out expected))
        {
            return false;
        }

        await using var command = _dataSource.CreateCommand(expectedEtag is null ? ReminderSql.Delete : ReminderSql.DeleteIf);
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
        await using var command = _dataSource.CreateCommand(ReminderSql.ReadForGrain);
        command.Parameters.AddWithValue("type", grainType);
        command.Parameters.AddWithValue("key", grainKey);
        return await ReminderSql.ReadEntriesAsync(command, PostgresDatabase.ReadInstant, cancellationToken);
    }

    public async Task<IReadOnlyList<ReminderEntry>> ReadDueAsync(DateTimeOffset dueBy, int limit, CancellationToken cancellationToken)
    {
        StorageArguments.Limit(limit);
        await using var command = _dataSource.CreateCommand(ReminderSql.ReadDue);
        command.Parameters.AddWithValue("dueBy", StorageTime.Normalize(dueBy));
        command.Parameters.AddWithValue("limit", limit);
        return await ReminderSql.ReadEntriesAsync(command, PostgresDatabase.ReadInstant, cancellationToken);
    }

    private static void AddKey(NpgsqlCommand command, string grainType, string grainKey, string name)
    {
        command.Parameters.AddWithValue("type", grainType);
        command.Parameters.AddWithValue("key", grainKey);
        command.Parameters.AddWithValue("name", name);
    }
}
