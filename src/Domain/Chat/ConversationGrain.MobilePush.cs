using Im.Domain.Push;

namespace Im.Domain.Chat;

public sealed partial class ConversationGrain
{
    /// <summary>How much of a message a lock screen shows.</summary>
    private const int PushPreviewLength = 200;

    // The member ids handed to push, copied once per membership change rather than once per
    // message; PersistAsync clears it, since every membership change goes through it.
    private string[]? _pushMembers;

    /// <summary>
    /// One job per message, whatever the group size: the dispatcher finds the members' offline
    /// devices and mutes in the background. A full queue drops the job (counted there), never
    /// delays the sender. No job when the dispatcher already knows that none of the other
    /// members has a device (members without the app): a job would push nothing, and making
    /// and queueing it cost a 1:1 send about a twentieth of its server CPU (bench/README.md, session 15).
    /// </summary>
    private void EnqueueMobilePush(string senderId, long seq, string text)
    {
        _pushMembers ??= [.. State.Members.Keys];
        if (!_push.MayPush(_pushMembers, senderId))
        {
            return;
        }

        var title = State.Kind == ConversationKind.Direct ? senderId : State.Title;
        var body = text.Length <= PushPreviewLength ? text : string.Concat(text.AsSpan(0, PushPreviewLength - 1), "…");
        var data = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["kind"] = "message",
            ["conversationId"] = GrainKey,
            ["seq"] = seq.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["senderId"] = senderId,
        };
        _push.TryEnqueue(new PushJob(_pushMembers, GrainKey, senderId, new PushContent(title, body, data)));
    }
}
