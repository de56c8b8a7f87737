using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Im.Edge.Chat;

/// <summary>
/// One item of a <see cref="ChatEdge"/> lane: either an event for a conversation group,
/// which the lane may send together with the same group's next events, or any other work.
/// </summary>
internal sealed class LaneWork
{
    private LaneWork(string? group, SerializedHubMessage? message, Func<Task>? work)
    {
        Group = group;
        Message = message;
        Work = work;
    }

    /// <summary>The conversation group of an event; null for other work.</summary>
    public string? Group { get; }

    /// <summary>The event, serialized lazily once for every connection it reaches.</summary>
    public SerializedHubMessage? Message { get; }

    public Func<Task>? Work { get; }

    public static LaneWork Event(string group, string method, object payload) =>
        new(group, new SerializedHubMessage(new InvocationMessage(method, [payload])), null);

    public static LaneWork Run(Func<Task> work) => new(null, null, work);
}
