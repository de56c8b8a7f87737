using Im.Domain.Errors;
using Im.Hall.Errors;
using Im.Hall.Halls;
using Im.Hall.Notices;
using Im.Hall.Tickets;
using Microsoft.Extensions.Logging;

namespace Im.Hall.Queues;

public sealed partial class QueueDayGrain
{
    public async Task<Ticket> RateAsync(string ticketId, string memberId, RatingScore score, string? comment)
    {
        HallInput.MemberId(memberId, "memberId");
        HallInput.Comment(comment);
        if (!Enum.IsDefined(score))
        {
            throw new DomainException(ErrorCodes.Invalid, "score must be very_satisfied, satisfied or unsatisfied");
        }

        var ticket = Find(ticketId);
        if (ticket.MemberId != memberId)
        {
            throw new DomainException(ErrorCodes.Forbidden, "only the ticket's member may rate it");
        }

        if (ticket.Status != TicketStatus.Served || ticket.Rating is not null)
        {
            throw new DomainException(HallErrorCodes.TicketState, "only a served ticket is rated, once");
        }

        var rated = ticket with { Rating = new Rating(score, comment, TimeProvider.GetUtcNow()) };
        _tickets.Replace(rated);
        await CommitAsync();
        if (score == RatingScore.Unsatisfied)
        {
            await AlertSupervisorsAsync(rated);
        }

        return View(rated);
    }

    /// <summary>At once, after the rating is stored; a lost alert is logged, the rating stands.</summary>
    private async Task AlertSupervisorsAsync(Ticket ticket)
    {
        try
        {
            var (hall, _) = await ConfigAsync();
            var notice = HallNotices.RatingUnsatisfied(hall, ticket);
            foreach (var supervisor in hall.People.Supervisors)
            {
                await _notifier.TryNotifyAsync(supervisor, notice, _logger);
            }
        }
        catch (Exception error)
        {
            _logger.LogWarning(error, "Supervisors of {Hall} were not told of the unsatisfied rating of {Ticket}", _key.HallId, ticket.TicketId);
        }
    }
}
