namespace Im.Hall.Tickets;

/// <summary>
/// A ticket as <see cref="ITicketStore"/> keeps it. <c>Number</c> is the <c>n</c> of the
/// queue's <c>{prefix}{n:000}</c> for tickets this queue numbered, null for transferred-in
/// tickets (they keep the source's number). <c>ToldReady</c>: its member was sent "get
/// ready". <c>Version</c> is the stored version, 0 for a row not stored yet.
/// </summary>
public sealed record TicketRow(Ticket Ticket, int? Number, bool ToldReady, long Version);
