using Im.Actors;

namespace Im.Domain.Chat;

/// <summary>
/// An edge node, as conversations see it: it delivers events to the connections it holds.
/// </summary>
/// <remarks>
/// Best-effort: a push may be lost (the edge restarts, the connection drops); clients pull
/// by seq after reconnecting, and the pull is authoritative. Order: a conversation pushes
/// its messages one at a time in seq order and waits for each push to be accepted, so an
/// edge that keeps per-conversation order delivers in seq order.
/// </remarks>
public interface IChatEdgeObserver : IGrainObserver
{
    Task OnMessageAsync(ChatMessage message);

    Task OnMembershipChangedAsync(MembershipChange change);

    /// <summary>A member's read position moved; the edge tells the conversation's local connections.</summary>
    Task OnReadAsync(ReadReceipt receipt);

    /// <summary>A message was recalled; pushed in the conversation's order like messages.</summary>
    Task OnMessageRecalledAsync(MessageRecall recall);

    /// <summary>A message was edited: the whole updated message, same seq, higher edit version.</summary>
    Task OnMessageEditedAsync(ChatMessage message);
}
