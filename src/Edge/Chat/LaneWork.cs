using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Im.Edge.Chat;

/// <summary>
/// One item of a <see cref="ChatEdge"/> lane: an event for a conversation group, which the
/// lane may send together with the same group's next events; the end of a hold of a group's
/// events (<see cref="LaneReader"/>); or any other work, with the conversation group it
/// concerns if any.
/// </summary>
internal sealed class LaneWork
{
    private LaneWork(string? group, SerializedHubMessage? message, Func<Task>? work, long holdId = 0)
    {
        Group = group;
        Message = message;
        Work = work;
        HoldId = holdId;
    }

    /// <summary>The conversation group of an event, of a hold's end, or of other work about a conversation; otherwise null.</summary>
    public string? Group { get; }

    /// <summary>The event, serialized lazily once for every connection it reaches; null for anything else.</summary>
    public SerializedHubMessage? Message { get; }

    /// <summary>Other work; null for an event or a hold's end.</summary>
    public Func<Task>? Work { get; }

    /// <summary>Which hold of <see cref="Group"/> a hold's end is for.</summary>
    public long HoldId { get; }

    public static LaneWork Event(string group, string method, object payload) =>
        new(group, new SerializedHubMessage(new InvocationMessage(method, [payload])), null);

    public static LaneWork EndHold(string group, long holdId) => new(group, null, null, holdId);

    public static LaneWork Run(Func<Task> work, string? group = null) => new(group, null, work);
}
