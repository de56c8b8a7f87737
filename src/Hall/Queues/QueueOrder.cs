using Im.Hall.Tickets;

namespace Im.Hall.Queues;

/// <summary>
/// The order in which a queue's waiting tickets are called: checked-in appointments first
/// (by slot start, which is their <see cref="Ticket.PlaceAt"/>, then check-in), then walk-ins
/// by <see cref="Ticket.PlaceAt"/>; ties keep creation order, which is number order.
/// </summary>
public static class QueueOrder
{
    /// <summary>The waiting tickets of <paramref name="tickets"/> (given in creation order), first to call first.</summary>
    public static IEnumerable<Ticket> Waiting(IEnumerable<Ticket> tickets) =>
        tickets
            .Where(t => t.Status == TicketStatus.Waiting)
            .OrderByDescending(t => t.Priority)
            .ThenBy(t => t.PlaceAt)
            .ThenBy(t => t.IssuedAt);

    /// <summary>Ticket id → how many waiting tickets are ahead of it.</summary>
    public static Dictionary<string, int> Positions(IEnumerable<Ticket> tickets) =>
        Waiting(tickets).Select((t, i) => (t.TicketId, i)).ToDictionary(p => p.TicketId, p => p.i, StringComparer.Ordinal);
}
