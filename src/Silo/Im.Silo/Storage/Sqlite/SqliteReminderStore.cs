using Im.Actors.Reminders;
using Im.Silo.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace Im.Silo.Storage.Sqlite;

/// <summary>
/// <see cref="IReminderStore"/> over the embedded SQLite file. Due times are stored as UTC
/// microseconds, periods as ticks; the etag is the row's version.
/// </summary>
public sealed class SqliteReminderStore : IReminderStore
{
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
                command.CommandText = ReminderSql.Upsert;
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
        var etag = StorageArguments.Reschedule(reminder);
        if (!Etags.TryParse(etag, out var expected))
        {
            return Task.FromResult<ReminderEntry?>(null);
        }

        return _database.WriteAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = ReminderSql.Reschedule;
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
        StorageArguments.ReminderKey(grainType, grainKey, name);
        long expected = 0;
        if (expectedEtag is not null && !Etags.TryParse(expectedEtag, out expected))
        {
            return Task.FromResult(false);
        }

        return _database.WriteAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = expectedEtag is null ? ReminderSql.Delete : ReminderSql.DeleteIf;
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
                command.CommandText = ReminderSql.ReadForGrain;
                command.Parameters.AddWithValue("@type", grainType);
                command.Parameters.AddWithValue("@key", grainKey);
                return (IReadOnlyList<ReminderEntry>)await ReminderSql.ReadEntriesAsync(command, SqliteDatabase.ReadInstant, token);
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
                command.CommandText = ReminderSql.ReadDue;
                command.Parameters.AddWithValue("@dueBy", StorageTime.ToUnixMicroseconds(dueBy));
                command.Parameters.AddWithValue("@limit", limit);
                return (IReadOnlyList<ReminderEntry>)await ReminderSql.ReadEntriesAsync(command, SqliteDatabase.ReadInstant, token);
            },
            cancellationToken);
    }

    private static void AddKey(SqliteCommand command, string grainType, string grainKey, string name)
    {
        command.Parameters.AddWithValue("@type", grainType);
        command.Parameters.AddWithValue("@key", grainKey);
        command.Parameters.AddWithValue("@name", name);
    }
}
