namespace Im.Hall.Notices;

/// <summary>
/// The one port through which the hall tells people things: a called ticket, "get ready",
/// a window paused too long, an unsatisfied rating. The adapter raises them in the member's
/// notification inbox (which also pushes to offline devices).
/// </summary>
/// <remarks>Idempotent by <see cref="HallNotice.Id"/>: a retried notice is delivered once.</remarks>
public interface IHallNotifier
{
    Task NotifyAsync(string memberId, HallNotice notice, CancellationToken cancellationToken = default);
}
