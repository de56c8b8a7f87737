using System.Security.Claims;
using Im.Actors;
using Im.Domain.Errors;
using Im.Edge.Auth;
using Im.Hall.Halls;
using Im.Hall.Queues;
using Im.Hall.Tickets;

namespace Im.Edge.Hall;

/// <summary>
/// Hall REST, tickets: take a number (members for themselves, staff for anyone or for
/// nobody at a kiosk), read one, move it to another queue (staff), rate it (its member).
/// </summary>
internal static class TicketEndpoints
{
    public static RouteGroupBuilder MapImHallTickets(this RouteGroupBuilder halls)
    {
        halls.MapPost("/{hallId}/tickets", IssueAsync);
        halls.MapGet("/{hallId}/tickets/{ticketId}", GetAsync);
        halls.MapPost("/{hallId}/tickets/{ticketId}/transfer", TransferAsync);
        halls.MapPost("/{hallId}/tickets/{ticketId}/rating", RateAsync);
        return halls;
    }

    private static async Task<IResult> IssueAsync(string hallId, HttpContext context, IGrainFactory grains, HallAccess access, TimeProvider time)
    {
        HallInputs.Id(hallId, "hallId");
        var request = await HallJson.ReadAsync<IssueTicketRequest>(context);
        var queueId = HallInputs.Id(request.QueueId, "queueId");
        var memberId = HallInputs.OptionalMemberId(request.MemberId, "memberId");
        var staff = await access.RoleOfAsync(context.User, hallId) >= HallRole.Staff;
        var caller = context.User.MemberId();
        if (!staff)
        {
            memberId ??= caller;
            if (memberId != caller)
            {
                throw new DomainException(ErrorCodes.Forbidden, "members take tickets for themselves; hall staff issue them for others");
            }
        }

        var hall = await grains.GetGrain<IHallGrain>(hallId).GetAsync();
        var queue = QueueDay(grains, hallId, queueId, HallTime.DayOf(hall, time.GetUtcNow()));
        if (!staff && request.AppointmentId is { } appointmentId && (await queue.GetAppointmentAsync(appointmentId)).MemberId != caller)
        {
            throw new DomainException(ErrorCodes.Forbidden, "members check in their own appointments only");
        }

        var ticket = await queue.IssueAsync(new IssueRequest(memberId, request.AppointmentId));
        return HallJson.Created($"/api/halls/{hallId}/tickets/{ticket.TicketId}", ticket);
    }

    private static async Task<IResult> GetAsync(string hallId, string ticketId, HttpContext context, IGrainFactory grains, HallAccess access)
    {
        var (_, ticket) = await ReadAsync(hallId, ticketId, grains);
        await RequireOwnerOrStaffAsync(context.User, hallId, ticket.MemberId, access);
        return HallJson.Ok(ticket);
    }

    private static async Task<IResult> TransferAsync(string hallId, string ticketId, HttpContext context, IGrainFactory grains, HallAccess access)
    {
        await HallEndpoints.RequireStaffAsync(hallId, context, access);
        var target = HallInputs.Id((await HallJson.ReadAsync<TransferTicketRequest>(context)).QueueId, "queueId");
        var queue = QueueOf(grains, hallId, ParseTicketId(ticketId));
        return HallJson.Ok(await queue.TransferAsync(ticketId, target));
    }

    private static async Task<IResult> RateAsync(string hallId, string ticketId, HttpContext context, IGrainFactory grains)
    {
        var request = await HallJson.ReadAsync<RateTicketRequest>(context);
        var score = HallInputs.Required(request.Score, "score");
        var (queue, ticket) = await ReadAsync(hallId, ticketId, grains);
        var caller = context.User.MemberId();
        if (ticket.MemberId != caller)
        {
            throw new DomainException(ErrorCodes.Forbidden, "only the ticket's member rates it");
        }

        return HallJson.Ok(await queue.RateAsync(ticketId, caller, score, request.Comment));
    }

    /// <summary>The queue day grain of a day of a queue.</summary>
    public static IQueueDayGrain QueueDay(IGrainFactory grains, string hallId, string queueId, DateOnly day) =>
        grains.GetGrain<IQueueDayGrain>(new QueueDayKey(hallId, queueId, day).ToString());

    /// <summary>The queue day a ticket or appointment id names.</summary>
    public static IQueueDayGrain QueueOf(IGrainFactory grains, string hallId, TicketId id) =>
        QueueDay(grains, HallInputs.Id(hallId, "hallId"), HallInputs.Id(id.QueueId, "ticketId"), id.Day);

    public static TicketId ParseTicketId(string value) =>
        TicketId.TryParse(value, out var id) ? id : throw new HallInputException("ticketId", "not a ticket id ({yyyyMMdd}-{queueId}-{serial})");

    /// <summary>The ticket's member may read it; anyone else must be staff of the hall.</summary>
    public static async Task RequireOwnerOrStaffAsync(ClaimsPrincipal user, string hallId, string? ownerId, HallAccess access)
    {
        if (ownerId != user.MemberId())
        {
            await access.RequireAsync(user, hallId, HallRole.Staff);
        }
    }

    private static async Task<(IQueueDayGrain Queue, Ticket Ticket)> ReadAsync(string hallId, string ticketId, IGrainFactory grains)
    {
        var queue = QueueOf(grains, hallId, ParseTicketId(ticketId));
        return (queue, await queue.GetTicketAsync(ticketId));
    }
}
