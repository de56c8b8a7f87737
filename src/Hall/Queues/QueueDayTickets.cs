using System.Globalization;
using Im.Hall.Tickets;

namespace Im.Hall.Queues;

/// <summary>
/// A queue day's tickets in memory, as loaded from <see cref="ITicketStore"/>: each with its
/// stored version, and which of them changed since the last write, so a write carries only those.
/// </summary>
/// <remarks>
/// The day's counters are derived from the rows rather than stored beside them: the last
/// number and serial are maxima and the walk-ins a count, so a crash between two writes can
/// never make them go backwards.
/// </remarks>
internal sealed class QueueDayTickets
{
    private readonly List<Entry> _entries = [];
    private readonly Dictionary<string, Entry> _byId = new(StringComparer.Ordinal);
    private readonly List<Entry> _changed = [];

    public QueueDayTickets(IEnumerable<TicketRow> rows)
    {
        // Creation order is serial order: the order QueueOrder breaks ties by.
        foreach (var row in rows.OrderBy(r => SerialOf(r.Ticket)))
        {
            Append(new Entry(row.Ticket, row.Number, row.ToldReady, row.Version));
        }
    }

    /// <summary>Every ticket of the day in creation order.</summary>
    public IEnumerable<Ticket> All => _entries.Select(e => e.Ticket);

    /// <summary>The highest number handed out (the <c>n</c> of <c>{prefix}{n:000}</c>).</summary>
    public int LastNumber { get; private set; }

    /// <summary>The highest serial; transferred-in tickets take serials but no numbers.</summary>
    public int LastSerial { get; private set; }

    /// <summary>Numbered tickets not checked in from an appointment: what the quota counts besides bookings.</summary>
    public int WalkIns { get; private set; }

    /// <summary>The rows a write must carry: new ones with version 0, changed ones with the version read.</summary>
    public IReadOnlyList<TicketRow> Changes => [.. _changed.Select(e => new TicketRow(e.Ticket, e.Number, e.ToldReady, e.Version))];

    public Ticket? Find(string ticketId) => _byId.TryGetValue(ticketId, out var entry) ? entry.Ticket : null;

    public bool Exists(Func<Ticket, bool> match) => _entries.Exists(e => match(e.Ticket));

    public Ticket? FirstOrDefault(Func<Ticket, bool> match) => _entries.Find(e => match(e.Ticket))?.Ticket;

    public int Count(Func<Ticket, bool> match) => _entries.Count(e => match(e.Ticket));

    /// <summary>A new ticket; <paramref name="number"/> is null for one that keeps another queue's number.</summary>
    public void Add(Ticket ticket, int? number)
    {
        var entry = new Entry(ticket, number, toldReady: false, version: 0);
        Append(entry);
        _changed.Add(entry);
    }

    /// <summary>Replaces the ticket of the same id.</summary>
    public void Replace(Ticket ticket) => Change(ticket.TicketId, e => e.Ticket = ticket);

    public bool IsToldReady(string ticketId) => _byId[ticketId].ToldReady;

    public void MarkToldReady(string ticketId) => Change(ticketId, e => e.ToldReady = true);

    /// <summary>
    /// Forgets in memory only that the member was told, so the next change tells them again;
    /// storage learns it with that ticket's next write, as it did with the whole-day state.
    /// </summary>
    public void ForgetToldReady(string ticketId) => _byId[ticketId].ToldReady = false;

    /// <summary>Takes the versions a write of <see cref="Changes"/> returned, in the same order.</summary>
    public void Written(IReadOnlyList<long> versions)
    {
        for (var i = 0; i < _changed.Count; i++)
        {
            _changed[i].Version = versions[i];
        }

        _changed.Clear();
    }

    /// <summary>The serial of a ticket id; ids are issued by the queue day as <see cref="TicketId"/>.</summary>
    public static int SerialOf(Ticket ticket) =>
        TicketId.TryParse(ticket.TicketId, out var id) && int.TryParse(id.Serial, NumberStyles.None, CultureInfo.InvariantCulture, out var serial)
            ? serial
            : throw new FormatException($"'{ticket.TicketId}' is not a ticket id of a queue day");

    private void Append(Entry entry)
    {
        _entries.Add(entry);
        _byId.Add(entry.Ticket.TicketId, entry);
        LastSerial = Math.Max(LastSerial, SerialOf(entry.Ticket));
        if (entry.Number is { } number)
        {
            LastNumber = Math.Max(LastNumber, number);
            WalkIns += entry.Ticket.AppointmentId is null ? 1 : 0;
        }
    }

    private void Change(string ticketId, Action<Entry> change)
    {
        var entry = _byId[ticketId];
        change(entry);
        if (!_changed.Contains(entry))
        {
            _changed.Add(entry);
        }
    }

    private sealed class Entry(Ticket ticket, int? number, bool toldReady, long version)
    {
        public Ticket Ticket { get; set; } = ticket;

        public int? Number { get; } = number;

        public bool ToldReady { get; set; } = toldReady;

        public long Version { get; set; } = version;
    }
}
