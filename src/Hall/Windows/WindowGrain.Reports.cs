using Im.Hall.Halls;
using Im.Hall.Notices;
using Microsoft.Extensions.Logging;

namespace Im.Hall.Windows;

public sealed partial class WindowGrain
{
    /// <summary>
    /// Tells the hall (which pushes to screens) and the called member. The call is stored by
    /// then; both are best effort, because failing here would make staff call again and
    /// take another ticket.
    /// </summary>
    private async Task ReportCallAsync(HallCall call, string? memberId, string windowName)
    {
        try
        {
            await GrainFactory.GetGrain<IHallGrain>(_key.HallId).RecordCallAsync(call);
        }
        catch (Exception error)
        {
            _logger.LogWarning(error, "Hall {Hall} did not record the call of {Ticket}", _key.HallId, call.TicketId);
        }

        if (memberId is not null)
        {
            await _notifier.TryNotifyAsync(memberId, HallNotices.TicketCalled(call, windowName), _logger);
        }
    }

    private async Task ReportStatusAsync(WindowStatusView view)
    {
        try
        {
            await GrainFactory.GetGrain<IHallGrain>(_key.HallId).RecordWindowStatusAsync(view);
        }
        catch (Exception error)
        {
            _logger.LogWarning(error, "Hall {Hall} did not record the status of window {Window}", _key.HallId, _key.WindowId);
        }
    }
}
