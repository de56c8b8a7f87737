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
            await NotifyAsync(memberId, HallNotices.TicketCalled(call, windowName));
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

    private async Task<bool> NotifyAsync(string memberId, HallNotice notice)
    {
        try
        {
            await _notifier.NotifyAsync(memberId, notice);
            return true;
        }
        catch (Exception error)
        {
            _logger.LogWarning(error, "Notice {Notice} did not reach {Member}", notice.Id, memberId);
            return false;
        }
    }
}
