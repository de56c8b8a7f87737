using System.Data.Common;
using System.Text.Json;
using Im.Actors.Storage;
using Im.Hall.Tickets;
using static Im.Silo.Storage.StorageNames;

namespace Im.Silo.Storage.Sql;

/// <summary>
/// Hall ticket statements, identical in SQLite and PostgreSQL, and what both adapters share:
/// argument checks, the ticket's JSON and the row mapping.
/// </summary>
internal static class TicketSql
{
    // Row mapping reads by ordinal, so this order and ToRow change together.
    public const string Load = $"""
        SELECT {HallTickets.Number}, {HallTickets.ToldReady}, {HallTickets.Version}, {HallTickets.Data}
        FROM {HallTickets.Table}
        WHERE {HallTickets.QueueDay} = @day
        """;

    // Without a conflict target DO NOTHING covers both unique keys, (queue day, ticket id)
    // and (queue day, number): a taken id or number inserts no row, which the adapter turns
    // into a conflict for the whole transaction. Under concurrency PostgreSQL makes the
    // second inserter wait for the first to commit, then do nothing.
    public const string Insert = $"""
        INSERT INTO {HallTickets.Table} ({HallTickets.QueueDay}, {HallTickets.TicketId}, {HallTickets.Number}, {HallTickets.ToldReady}, {HallTickets.Version}, {HallTickets.Data})
        VALUES (@day, @id, @number, @told, @version, @data)
        ON CONFLICT DO NOTHING
        """;

    // The version in the WHERE clause is the compare-and-set: a stale writer matches no row.
    public const string Update = $"""
        UPDATE {HallTickets.Table}
        SET {HallTickets.ToldReady} = @told, {HallTickets.Version} = @version, {HallTickets.Data} = @data
        WHERE {HallTickets.QueueDay} = @day AND {HallTickets.TicketId} = @id AND {HallTickets.Version} = @expected
        """;

    // The position is computed by the queue day, never stored; everything else is the ticket.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Checks a write; returns false when there is nothing to write.</summary>
    public static bool Check(string queueDay, IReadOnlyList<TicketRow> rows)
    {
        ArgumentException.ThrowIfNullOrEmpty(queueDay);
        ArgumentNullException.ThrowIfNull(rows);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (row?.Ticket?.TicketId is not { Length: > 0 } id || row.Version < 0 || row.Number <= 0 || !ids.Add(id))
            {
                throw new ArgumentException("each row needs a ticket with an id of its own, a version of 0 or more and a positive number or none", nameof(rows));
            }
        }

        return rows.Count > 0;
    }

    public static string Serialize(Ticket ticket) => JsonSerializer.Serialize(ticket with { Position = 0 }, Json);

    public static TicketRow ToRow(DbDataReader reader) =>
        new(
            JsonSerializer.Deserialize<Ticket>(reader.GetString(3), Json) ?? throw new InvalidDataException("a stored ticket is null"),
            reader.IsDBNull(0) ? null : reader.GetInt32(0),
            reader.GetBoolean(1),
            reader.GetInt64(2));

    /// <summary>The error of a write whose <paramref name="row"/> was stored already or changed since it was read.</summary>
    public static InconsistentStateException Conflict(string queueDay, TicketRow row) =>
        new(row.Version == 0
            ? $"ticket conflict: {queueDay} already holds ticket {row.Ticket.TicketId} or number {row.Number}"
            : $"ticket conflict: {queueDay} ticket {row.Ticket.TicketId} was written by someone else (expected version {row.Version})");
}
