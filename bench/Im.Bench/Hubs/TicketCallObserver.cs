namespace Im.Bench.Hubs;

/// <summary>Sees a <c>ticketCalled</c> event arrive on connection <paramref name="connection"/>, with the call's window id.</summary>
public delegate void TicketCallObserver(int connection, ReadOnlySpan<byte> windowId);
