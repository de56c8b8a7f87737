using Im.Actors;
using Im.Hall.Queues;
using Im.Hall.Windows;

namespace Im.Hall.Halls;

/// <summary>
/// An edge node, as halls see it: it hands each event to the screens subscribed to the hall
/// on that edge. Listed in <see cref="HallEdgeDirectory"/>, apart from chat edges.
/// </summary>
/// <remarks>
/// Best effort, one push per edge per event. Events of one hall reach an edge in the order
/// the hall's grains raised them; the edge keeps that order per hall.
/// </remarks>
public interface IHallEdgeObserver : IGrainObserver
{
    Task OnTicketCalledAsync(HallCall call);

    Task OnTicketRecalledAsync(HallCall call);

    Task OnWindowStatusChangedAsync(WindowStatusView status);

    Task OnQueueStatsChangedAsync(QueueStats stats);
}
