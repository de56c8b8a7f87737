namespace Im.Domain.Push;

/// <summary>
/// Mobile push, as grains see it: one call per event, off the caller's path.
/// </summary>
/// <remarks>
/// <para>Guarantee: at most once per device and event, best effort. <see cref="TryEnqueue"/>
/// never waits: it puts the job on a bounded queue and returns false (the job is dropped and
/// counted) when the queue is full, so a slow push provider can never slow a send. Jobs are
/// lost on shutdown; clients pull by seq and list notifications after opening the app.</para>
/// <para>Who is pushed: each listed member except the sender, on each registered device that
/// is not bound to a live connection (<see cref="IDevicePresence"/>), unless the member
/// muted the job's conversation.</para>
/// </remarks>
public interface IPushDispatcher
{
    bool TryEnqueue(PushJob job);

    /// <summary>
    /// False only when a job for <paramref name="memberIds"/> is already known to push
    /// nothing: every member but <paramref name="senderId"/> was looked up and has no device.
    /// Cheap enough for a send's turn: lists longer than a small group are never looked at
    /// (true), and a member not looked up yet counts as one who may have a device.
    /// </summary>
    bool MayPush(IReadOnlyList<string> memberIds, string? senderId);

    /// <summary>Called by a member's device registry after every change, so no stale devices or mutes are used.</summary>
    void Forget(string memberId);
}
