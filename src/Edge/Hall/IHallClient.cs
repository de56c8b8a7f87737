using Im.Hall.Halls;
using Im.Hall.Queues;
using Im.Hall.Windows;
using Microsoft.AspNetCore.SignalR;

namespace Im.Edge.Hall;

/// <summary>
/// The events of <c>/hubs/hall</c>, as screens receive them. The wire names are the
/// contract's lower-camel ones, whatever the C# method is called.
/// </summary>
public interface IHallClient
{
    /// <summary>A ticket was called to a window (<c>callCount</c> 1).</summary>
    [HubMethodName("ticketCalled")]
    Task TicketCalledAsync(HallCall call);

    /// <summary>The ticket at a window was called again (<c>callCount</c> above 1).</summary>
    [HubMethodName("ticketRecalled")]
    Task TicketRecalledAsync(HallCall call);

    [HubMethodName("windowStatusChanged")]
    Task WindowStatusChangedAsync(WindowStatusView status);

    [HubMethodName("queueStatsChanged")]
    Task QueueStatsChangedAsync(QueueStats stats);
}
