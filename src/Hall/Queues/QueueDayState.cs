using Im.Hall.Tickets;

namespace Im.Hall.Queues;

/// <summary>Stored state of <see cref="QueueDayGrain"/>: one queue's day, bounded by its quota.</summary>
public sealed class QueueDayState
{
    /// <summary>The last number handed out (the <c>n</c> of <c>{prefix}{n:000}</c>).</summary>
    public int LastNumber { get; set; }

    /// <summary>The last ticket serial; transferred-in tickets take serials but no numbers.</summary>
    public int LastSerial { get; set; }

    /// <summary>Walk-in tickets issued plus appointments booked: what the quota limits.</summary>
    public int QuotaUsed { get; set; }

    /// <summary>Every ticket of the day in creation order; <c>Position</c> is computed, never stored.</summary>
    public List<Ticket> Tickets { get; set; } = [];

    public List<Appointment> Appointments { get; set; } = [];

    /// <summary>Tickets whose member was sent "get ready", so none is told twice.</summary>
    public HashSet<string> ToldReady { get; set; } = new(StringComparer.Ordinal);
}
