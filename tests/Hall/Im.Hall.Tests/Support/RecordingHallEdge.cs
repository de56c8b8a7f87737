using Im.Domain.Notifications;
using Im.Hall.Halls;
using Im.Hall.Queues;
using Im.Hall.Windows;

namespace Im.Hall.Tests.Support;

/// <summary>
/// An edge that records what hall grains and inboxes push, in arrival order. Grains await
/// each push before their call returns, so most checks can read the record at once; events
/// raised outside a call (a reminder) are awaited with <see cref="WaitAsync"/>.
/// </summary>
public sealed class RecordingHallEdge : IHallEdgeObserver, INotificationEdgeObserver
{
    private readonly Lock _lock = new();
    private readonly List<object> _events = [];
    private readonly List<(Func<bool> Condition, TaskCompletionSource Done)> _waiters = [];

    /// <summary>Every event: <see cref="Called"/>, <see cref="Recalled"/>, <see cref="WindowStatusView"/>, <see cref="QueueStats"/>, <see cref="Notified"/>.</summary>
    public IReadOnlyList<object> Events
    {
        get
        {
            lock (_lock)
            {
                return [.. _events];
            }
        }
    }

    public IReadOnlyList<HallCall> Calls => [.. Events.OfType<Called>().Select(c => c.Call)];

    public IReadOnlyList<HallCall> Recalls => [.. Events.OfType<Recalled>().Select(c => c.Call)];

    public IReadOnlyList<WindowStatusView> Statuses => [.. Events.OfType<WindowStatusView>()];

    public IReadOnlyList<QueueStats> Stats => [.. Events.OfType<QueueStats>()];

    public IReadOnlyList<Notified> Notifications => [.. Events.OfType<Notified>()];

    public IReadOnlyList<Notification> NotificationsOf(string memberId) =>
        [.. Notifications.Where(n => n.MemberId == memberId).Select(n => n.Notification)];

    public Task OnTicketCalledAsync(HallCall call) => Record(new Called(call));

    public Task OnTicketRecalledAsync(HallCall call) => Record(new Recalled(call));

    public Task OnWindowStatusChangedAsync(WindowStatusView status) => Record(status);

    public Task OnQueueStatsChangedAsync(QueueStats stats) => Record(stats);

    public Task OnNotificationAsync(string memberId, Notification notification) => Record(new Notified(memberId, notification));

    /// <summary>Completes once <paramref name="condition"/> holds, checked now and after every event.</summary>
    public Task WaitAsync(Func<RecordingHallEdge, bool> condition)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (condition(this))
            {
                return Task.CompletedTask;
            }

            _waiters.Add((() => condition(this), done));
        }

        return done.Task;
    }

    private Task Record(object item)
    {
        lock (_lock)
        {
            _events.Add(item);
            foreach (var waiter in _waiters.ToList().Where(w => w.Condition()))
            {
                _waiters.Remove(waiter);
                waiter.Done.TrySetResult();
            }
        }

        return Task.CompletedTask;
    }

    public sealed record Called(HallCall Call);

    public sealed record Recalled(HallCall Call);

    public sealed record Notified(string MemberId, Notification Notification);
}
