using Im.Actors.Storage;

namespace Im.Hall.Tickets;

/// <summary>
/// The tickets of each queue day, one durable row per ticket, so that a change costs the rows
/// it touches rather than the whole day. Keyed by the queue day's key (<c>QueueDayKey</c>).
/// </summary>
/// <remarks>
/// <para>Who calls: only the queue day grain that owns the key; it loads the day once per
/// activation and then writes what each call changed.</para>
/// <para>Guarantees every adapter keeps (the shared storage suite checks them):</para>
/// <list type="bullet">
/// <item>A write returns only after it is durable, and is one transaction: all of its rows or none.</item>
/// <item>A row written with <see cref="TicketRow.Version"/> 0 is inserted. It must be new by
/// (queue day, ticket id) and, when it has a <see cref="TicketRow.Number"/>, by (queue day,
/// number): the store's unique keys decide, never a read-then-write check.</item>
/// <item>A row written with any other version replaces the stored row only while the stored
/// version is still that one (compare-and-set); the new version is one more.</item>
/// <item>If any row of a write fails its condition, the whole write throws
/// <see cref="InconsistentStateException"/> and nothing is written. So two activations of one
/// queue day (a paused node, a split) can never hand out one number or serial twice, nor both
/// change one ticket: the second writer loses, and the runtime discards its activation.</item>
/// <item>A row's number and ticket id never change after the insert.</item>
/// </list>
/// </remarks>
public interface ITicketStore
{
    /// <summary>Every row of the queue day with its stored version, in no particular order.</summary>
    Task<IReadOnlyList<TicketRow>> LoadAsync(string queueDay, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts the rows of version 0 and updates the others conditionally, in one transaction;
    /// returns each row's new version, in the order given.
    /// </summary>
    /// <exception cref="InconsistentStateException">A row was stored already, or changed since its version was read; nothing was written.</exception>
    Task<IReadOnlyList<long>> WriteAsync(string queueDay, IReadOnlyList<TicketRow> rows, CancellationToken cancellationToken);
}
