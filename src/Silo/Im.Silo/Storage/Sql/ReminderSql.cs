using System.Data.Common;
using Im.Actors.Reminders;
using static Im.Silo.Storage.StorageNames;

namespace Im.Silo.Storage.Sql;

/// <summary>
/// Reminder statements, identical in SQLite and PostgreSQL (both speak ON CONFLICT ...
/// RETURNING and LIMIT), and the mapping of their rows. Only the due-time column's type
/// differs, so each adapter passes the reader for it.
/// </summary>
internal static class ReminderSql
{
    // Row mapping reads by ordinal, so this order and ReadEntriesAsync change together.
    public const string Columns =
        $"{Reminders.GrainType}, {Reminders.GrainKey}, {Reminders.Name}, {Reminders.DueAt}, {Reminders.PeriodTicks}, {Reminders.Version}";

    public const string Key =
        $"{Reminders.GrainType} = @type AND {Reminders.GrainKey} = @key AND {Reminders.Name} = @name";

    public const string Upsert = $"""
        INSERT INTO {Reminders.Table} ({Columns})
        VALUES (@type, @key, @name, @due, @period, 1)
        ON CONFLICT ({Reminders.GrainType}, {Reminders.GrainKey}, {Reminders.Name}) DO UPDATE
        SET {Reminders.DueAt} = excluded.{Reminders.DueAt},
            {Reminders.PeriodTicks} = excluded.{Reminders.PeriodTicks},
            {Reminders.Version} = {Reminders.Table}.{Reminders.Version} + 1
        RETURNING {Reminders.Version}
        """;

    public const string Reschedule = $"""
        UPDATE {Reminders.Table}
        SET {Reminders.DueAt} = @due, {Reminders.Version} = @expected + 1
        WHERE {Key} AND {Reminders.Version} = @expected
        """;

    public const string Delete = $"DELETE FROM {Reminders.Table} WHERE {Key}";

    public const string DeleteIf = $"{Delete} AND {Reminders.Version} = @expected";

    public const string ReadForGrain = $"""
        SELECT {Columns} FROM {Reminders.Table}
        WHERE {Reminders.GrainType} = @type AND {Reminders.GrainKey} = @key
        ORDER BY {Reminders.Name}
        """;

    public const string ReadDue = $"""
        SELECT {Columns} FROM {Reminders.Table}
        WHERE {Reminders.DueAt} <= @dueBy
        ORDER BY {Reminders.DueAt}, {Reminders.GrainType}, {Reminders.GrainKey}, {Reminders.Name}
        LIMIT @limit
        """;

    /// <summary>Runs a select of <see cref="Columns"/> and maps every row.</summary>
    public static Task<List<ReminderEntry>> ReadEntriesAsync(DbCommand command, SqlInstant readInstant, CancellationToken cancellationToken) =>
        SqlRows.ReadAllAsync(
            command,
            reader => new ReminderEntry(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                readInstant(reader, 3),
                reader.IsDBNull(4) ? null : TimeSpan.FromTicks(reader.GetInt64(4)),
                Etags.Format(reader.GetInt64(5))),
            cancellationToken);
}
