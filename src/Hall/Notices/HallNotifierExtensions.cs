using Microsoft.Extensions.Logging;

namespace Im.Hall.Notices;

public static class HallNotifierExtensions
{
    /// <summary>
    /// Delivers <paramref name="notice"/> and says whether it arrived; a failure is logged to
    /// the caller's <paramref name="logger"/>, never thrown, so the grain's own change stands
    /// and the caller decides whether a lost notice is worth a retry.
    /// </summary>
    public static async Task<bool> TryNotifyAsync(this IHallNotifier notifier, string memberId, HallNotice notice, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(notifier);
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(logger);
        try
        {
            await notifier.NotifyAsync(memberId, notice);
            return true;
        }
        catch (Exception error)
        {
            logger.LogWarning(error, "Notice {Notice} did not reach {Member}", notice.Id, memberId);
            return false;
        }
    }
}
