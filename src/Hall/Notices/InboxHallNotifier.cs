using System.Security.Cryptography;
using System.Text;
using Im.Actors;
using Im.Domain.Notifications;

namespace Im.Hall.Notices;

/// <summary>
/// Raises hall notices in the member's <see cref="INotificationInboxGrain"/>, which stores
/// them, delivers them to the member's connections and pushes them to offline devices.
/// Idempotent by notice id, as the inbox is.
/// </summary>
public sealed class InboxHallNotifier(IGrainFactory grains) : IHallNotifier
{
    /// <summary>The inbox's longest id.</summary>
    public const int MaxIdLength = 128;

    public async Task NotifyAsync(string memberId, HallNotice notice, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(memberId);
        ArgumentNullException.ThrowIfNull(notice);
        cancellationToken.ThrowIfCancellationRequested();
        await grains.GetGrain<INotificationInboxGrain>(memberId)
            .RaiseAsync(new NewNotification(notice.Kind, InboxId(notice), notice.Title, notice.Body, notice.Data))
            .WaitAsync(cancellationToken);
    }

    /// <summary>
    /// The notice id, or for one longer than the inbox keeps (long hall and window ids) its
    /// kind and a digest: the same notice always maps to the same id, so idempotency holds.
    /// </summary>
    public static string InboxId(HallNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        if (notice.Id.Length <= MaxIdLength)
        {
            return notice.Id;
        }

        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(notice.Id)));
        return $"{notice.Kind}:{digest}";
    }
}
