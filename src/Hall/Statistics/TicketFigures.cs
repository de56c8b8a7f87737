using Im.Hall.Tickets;

namespace Im.Hall.Statistics;

/// <summary>The figures of a day's tickets; pure, so every number can be checked by hand.</summary>
public static class TicketFigures
{
    /// <summary>A row of the tickets of one queue (<paramref name="tickets"/> are that queue day's).</summary>
    public static HallStatisticsRow ForQueue(string queueId, IReadOnlyCollection<Ticket> tickets)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        return Row(StatisticsScope.Queue, queueId, tickets.Count(t => t.TransferredFrom is null), tickets);
    }

    /// <summary>A row of the tickets called to one window, from any queue.</summary>
    public static HallStatisticsRow ForWindow(string windowId, IEnumerable<Ticket> tickets)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        return Row(StatisticsScope.Window, windowId, issued: null, [.. tickets.Where(t => t.WindowId == windowId)]);
    }

    public static TimeSpan? Waited(Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return ticket.CalledAt is { } calledAt ? Max(calledAt - ticket.PlaceAt) : null;
    }

    /// <summary>Served tickets only: a no-show's or a transfer's time at the window is not service.</summary>
    public static TimeSpan? Served(Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return ticket is { Status: TicketStatus.Served, CalledAt: { } calledAt, ClosedAt: { } closedAt } ? Max(closedAt - calledAt) : null;
    }

    private static HallStatisticsRow Row(string scope, string id, int? issued, IReadOnlyCollection<Ticket> tickets)
    {
        List<TimeSpan> waits = [.. tickets.Select(Waited).OfType<TimeSpan>()];
        List<TimeSpan> services = [.. tickets.Select(Served).OfType<TimeSpan>()];
        return new HallStatisticsRow(
            scope,
            id,
            issued,
            tickets.Count(t => t.CalledAt is not null),
            tickets.Count(t => t.Status == TicketStatus.Served),
            tickets.Count(t => t.Status == TicketStatus.Skipped),
            tickets.Count(t => t.Status == TicketStatus.Transferred),
            Durations.Average(waits),
            Durations.Percentile(waits, 90),
            Durations.Average(services),
            Durations.Percentile(services, 90),
            tickets.Count(t => t.Rating?.Score == RatingScore.VerySatisfied),
            tickets.Count(t => t.Rating?.Score == RatingScore.Satisfied),
            tickets.Count(t => t.Rating?.Score == RatingScore.Unsatisfied));
    }

    // Clocks of different nodes may disagree slightly; a negative span means "no wait".
    private static TimeSpan Max(TimeSpan span) => span < TimeSpan.Zero ? TimeSpan.Zero : span;
}
