using Im.Domain.Errors;
using Im.Hall.Errors;
using Im.Hall.Halls;
using Im.Hall.Tickets;

namespace Im.Hall.Queues;

public sealed partial class QueueDayGrain
{
    public async Task<Ticket?> TakeNextAsync(string windowId, bool appointmentsOnly)
    {
        HallInput.Id(windowId, "windowId");
        var next = QueueOrder.Waiting(_tickets.All).FirstOrDefault(t => !appointmentsOnly || t.Priority);
        if (next is null)
        {
            return null;
        }

        var called = next with { Status = TicketStatus.Called, WindowId = windowId, CalledAt = TimeProvider.GetUtcNow(), CallCount = 1 };
        _tickets.Replace(called);
        await CommitAsync();
        return called;
    }

    public async Task<Ticket> RecallAsync(string ticketId, string windowId)
    {
        var ticket = Find(ticketId);
        RequireCalledTo(ticket, windowId);
        var recalled = ticket with { CallCount = ticket.CallCount + 1 };
        _tickets.Replace(recalled);
        await CommitAsync();
        return recalled;
    }

    public Task<Ticket> SkipAsync(string ticketId, string windowId) => CloseAsync(ticketId, windowId, TicketStatus.Skipped);

    public Task<Ticket> FinishAsync(string ticketId, string windowId) => CloseAsync(ticketId, windowId, TicketStatus.Served);

    private async Task<Ticket> CloseAsync(string ticketId, string windowId, TicketStatus status)
    {
        var ticket = Find(ticketId);
        if (ticket.Status == status && ticket.WindowId == windowId)
        {
            // A retry of the same close answers what the first one stored.
            return ticket;
        }

        RequireCalledTo(ticket, windowId);
        var closed = ticket with { Status = status, ClosedAt = TimeProvider.GetUtcNow() };
        _tickets.Replace(closed);
        await CommitAsync();
        return closed;
    }

    private static void RequireCalledTo(Ticket ticket, string windowId)
    {
        if (ticket.Status != TicketStatus.Called || ticket.WindowId != windowId)
        {
            throw new DomainException(HallErrorCodes.TicketState, $"the ticket is {ticket.Status.ToString().ToLowerInvariant()}, not called to this window");
        }
    }
}
