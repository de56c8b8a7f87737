using Microsoft.AspNetCore.SignalR;

namespace Im.Bench.BareHub;

/// <summary>
/// The least a chat hub does: answer a call, join a group, send to a group. Payloads are
/// passed through untouched, so the bench can send the bytes Im would send.
/// </summary>
public sealed class FloorHub : Hub
{
    public const string Path = "/hubs/bare";

    /// <summary>The round trip of a call, with nothing behind it. An instance method: SignalR does not dispatch to static ones.</summary>
    public object Echo(object message) => message;

    public Task Join(string group) => Groups.AddToGroupAsync(Context.ConnectionId, group);

    /// <summary>
    /// Completes when every connection of the group has the message in its output buffer:
    /// SignalR's own backpressure, as the Im edge gets it when it sends to a conversation.
    /// </summary>
    public Task Send(string group, object message) => Clients.Group(group).SendAsync("message", message);
}
