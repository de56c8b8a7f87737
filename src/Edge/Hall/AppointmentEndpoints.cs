using Im.Actors;
using Im.Edge.Auth;
using Im.Hall.Halls;
using Im.Hall.Tickets;

namespace Im.Edge.Hall;

/// <summary>
/// Hall REST, appointments: book a slot of a queue's day (members for themselves, staff for
/// anyone) and read one (its member, staff). Checking in is taking a ticket with its id.
/// </summary>
internal static class AppointmentEndpoints
{
    public static RouteGroupBuilder MapImHallAppointments(this RouteGroupBuilder halls)
    {
        halls.MapPost("/{hallId}/queues/{queueId}/appointments", BookAsync);
        halls.MapGet("/{hallId}/appointments/{appointmentId}", GetAsync);
        return halls;
    }

    private static async Task<IResult> BookAsync(string hallId, string queueId, HttpContext context, IGrainFactory grains, HallAccess access)
    {
        HallInputs.Id(hallId, "hallId");
        HallInputs.Id(queueId, "queueId");
        var request = await HallJson.ReadAsync<BookAppointmentRequest>(context);
        var start = HallInputs.Required(request.SlotStart, "slotStart");
        var end = HallInputs.Required(request.SlotEnd, "slotEnd");
        var caller = context.User.MemberId();
        var memberId = HallInputs.OptionalMemberId(request.MemberId, "memberId") ?? caller;
        if (memberId != caller)
        {
            await access.RequireAsync(context.User, hallId, HallRole.Staff);
        }

        // The slot's day in the hall's time zone picks the queue day that holds it.
        var hall = await grains.GetGrain<IHallGrain>(hallId).GetAsync();
        var day = HallTime.DayOf(hall, start);
        var appointment = await TicketEndpoints.QueueDay(grains, hallId, queueId, day).BookAsync(new AppointmentRequest(memberId, start, end));
        return HallJson.Created($"/api/halls/{hallId}/appointments/{appointment.AppointmentId}", appointment);
    }

    private static async Task<IResult> GetAsync(string hallId, string appointmentId, HttpContext context, IGrainFactory grains, HallAccess access)
    {
        if (!TicketId.TryParse(appointmentId, out var id))
        {
            throw new HallInputException("appointmentId", "not an appointment id ({yyyyMMdd}-{queueId}-A{serial})");
        }

        var appointment = await TicketEndpoints.QueueOf(grains, hallId, id).GetAppointmentAsync(appointmentId);
        await TicketEndpoints.RequireOwnerOrStaffAsync(context.User, hallId, appointment.MemberId, access);
        return HallJson.Ok(appointment);
    }
}
