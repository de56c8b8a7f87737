using Im.Domain.Errors;
using Im.Hall.Errors;
using Im.Hall.Halls;
using Im.Hall.Tickets;
using Im.Hall.Windows;
using Microsoft.Extensions.Logging;

namespace Im.Hall.Queues;

public sealed partial class QueueDayGrain
{
    /// <summary>
    /// The target accepts first, then this ticket closes: a failure in between leaves the
    /// ticket open here, and a retry finds the target's copy (accepting is idempotent).
    /// </summary>
    public async Task<Ticket> TransferAsync(string ticketId, string targetQueueId)
    {
        HallInput.Id(targetQueueId, "queueId");
        var ticket = Find(ticketId);
        if (targetQueueId == _key.QueueId)
        {
            throw new DomainException(ErrorCodes.Invalid, "the ticket is in that queue already");
        }

        if (!IsOpen(ticket))
        {
            throw new DomainException(HallErrorCodes.TicketState, $"a {ticket.Status.ToString().ToLowerInvariant()} ticket cannot be transferred");
        }

        var (hall, _) = await ConfigAsync();
        if (!hall.Queues.Any(q => q.QueueId == targetQueueId))
        {
            throw new DomainException(ErrorCodes.NotFound, "the target queue does not exist");
        }

        var target = GrainFactory.GetGrain<IQueueDayGrain>(new QueueDayKey(_key.HallId, targetQueueId, _key.Day).ToString());
        var moved = await target.AcceptTransferAsync(ticket with { Position = 0 }, _options.TransferKeepsPlace);

        _tickets.Replace(ticket with { Status = TicketStatus.Transferred, ClosedAt = TimeProvider.GetUtcNow(), TransferredTo = moved.TicketId });
        await CommitAsync();
        if (ticket is { Status: TicketStatus.Called, WindowId: { } windowId })
        {
            ReleaseOutsideTurn(windowId, ticket.TicketId);
        }

        return moved;
    }

    public async Task<Ticket> AcceptTransferAsync(Ticket source, bool keepPlace)
    {
        if (source is null || source.HallId != _key.HallId || source.QueueId == _key.QueueId || source.TicketNumber is not { Length: > 0 })
        {
            throw new DomainException(ErrorCodes.Invalid, "a ticket of another queue of this hall is required");
        }

        if (_tickets.FirstOrDefault(t => t.TransferredFrom == source.TicketId) is { } accepted)
        {
            return View(accepted);
        }

        await ConfigAsync();
        RequireNoOpenTicket(source.MemberId);

        // Keeping its place orders it by the original issue time among this queue's
        // walk-ins; otherwise it waits behind everyone here now. Either way it keeps its number.
        var now = TimeProvider.GetUtcNow();
        var ticket = new Ticket(
            NextTicketId(), source.TicketNumber, _key.HallId, _key.QueueId, source.MemberId, AppointmentId: null, Priority: false,
            TicketStatus.Waiting, 0, source.IssuedAt, keepPlace ? source.IssuedAt : now, TransferredFrom: source.TicketId);
        _tickets.Add(ticket, number: null);
        await CommitAsync();
        return View(ticket);
    }

    /// <summary>
    /// Releases the window after this turn, not inside it: the window may itself be waiting
    /// on this queue day (a call-next in flight), and awaiting it here would deadlock both.
    /// The window also frees itself when the queue day refuses the ticket as transferred.
    /// </summary>
    private void ReleaseOutsideTurn(string windowId, string ticketId)
    {
        var window = GrainFactory.GetGrain<IWindowGrain>(new WindowKey(_key.HallId, windowId).ToString());
        _ = Task.Run(async () =>
        {
            try
            {
                await window.ReleaseAsync(ticketId);
            }
            catch (Exception error)
            {
                _logger.LogWarning(error, "Window {Window} was not released from transferred ticket {Ticket}", windowId, ticketId);
            }
        });
    }
}
