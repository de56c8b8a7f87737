using Im.Actors;
using Im.Domain.Errors;
using Im.Hall.Queues;
using Im.Hall.Tickets;
using Im.Hall.Windows;

namespace Im.Hall.Halls;

/// <summary>
/// How callers (the edge, statistics) address a hall's grains from ids, so nobody builds
/// keys by hand: a queue's day from the hall's own clock, a ticket's or appointment's queue
/// day from its id, a window from its id.
/// </summary>
public static class HallGrains
{
    /// <summary>Today's queue day of <paramref name="queueId"/>, today being the hall's local date.</summary>
    public static IQueueDayGrain QueueToday(this IGrainFactory grains, HallInfo hall, string queueId, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(hall);
        ArgumentNullException.ThrowIfNull(time);
        HallInput.Id(queueId, "queueId");
        return grains.GetGrain<IQueueDayGrain>(new QueueDayKey(hall.HallId, queueId, HallTime.DayOf(hall, time.GetUtcNow())).ToString());
    }

    /// <summary>The queue day holding a ticket or an appointment; <c>not_found</c> for an id that names none.</summary>
    public static IQueueDayGrain QueueOf(this IGrainFactory grains, string hallId, string ticketOrAppointmentId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        HallInput.Id(hallId, "hallId");
        if (!TicketId.TryParse(ticketOrAppointmentId, out var id) || !HallInput.IsId(id.QueueId))
        {
            throw new DomainException(ErrorCodes.NotFound, "no such ticket");
        }

        return grains.GetGrain<IQueueDayGrain>(new QueueDayKey(hallId, id.QueueId, id.Day).ToString());
    }

    public static IWindowGrain Window(this IGrainFactory grains, string hallId, string windowId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        HallInput.Id(hallId, "hallId");
        HallInput.Id(windowId, "windowId");
        return grains.GetGrain<IWindowGrain>(new WindowKey(hallId, windowId).ToString());
    }
}
