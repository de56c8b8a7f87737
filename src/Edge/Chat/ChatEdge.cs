using System.Threading.Channels;
using Im.Actors;
using Im.Domain.Chat;
using Im.Domain.Notifications;
using Im.Domain.Presence;
using Im.Edge.Connections;
using Microsoft.AspNetCore.SignalR;

namespace Im.Edge.Chat;

/// <summary>
/// This edge node as conversations see it: it takes one push per message and fans it out
/// to the SignalR group of the conversation, i.e. to every local connection of its members.
/// Inboxes push notifications and presence grains presence changes through the same
/// observer, to the connections of the members concerned.
/// </summary>
/// <remarks>
/// Per-conversation order is kept by routing every event of a conversation through the
/// same lane (one reader each); lanes run in parallel. A conversation's push waits only
/// until its lane accepted the event, and the bounded lanes push back on a flood. Events of
/// one conversation that queued up behind each other leave together: each connection gets
/// them back to back, in order, usually in one frame (<see cref="ImHubLifetimeManager.SendEventsAsync"/>),
/// and a large, busy conversation's events wait a moment for its next ones (<see cref="LaneReader"/>).
/// </remarks>
// Inline: every push only queues into a lane (or waits for room in a full one without
// blocking), so grains call it on their own turn instead of hopping to the thread pool.
[InlineObserver]
public sealed class ChatEdge : IChatEdgeObserver, INotificationEdgeObserver, IPresenceEdgeObserver, IHostedService
{
    private const int LaneCapacity = 10_000;

    private readonly IHubContext<ImHub> _hub;
    private readonly ImHubLifetimeManager _fanOut;
    private readonly IGrainFactory _grains;
    private readonly IEdgeDirectory _directory;
    private readonly MemberConnectionRegistry _connections;
    private readonly ILogger<ChatEdge> _logger;
    private readonly Channel<LaneWork>[] _lanes;
    private readonly FanOutHold _fanOutHold;
    private readonly List<Task> _readers = [];
    private ObserverId _observerId;

    public ChatEdge(IHubContext<ImHub> hub, ImHubLifetimeManager fanOut, IGrainFactory grains, IEdgeDirectory directory, MemberConnectionRegistry connections, IConfiguration configuration, ILogger<ChatEdge> logger)
    {
        _fanOutHold = FanOutHold.From(configuration);
        _hub = hub;
        _fanOut = fanOut;
        _grains = grains;
        _directory = directory;
        _connections = connections;
        _logger = logger;
        _lanes = [.. Enumerable.Range(0, Math.Max(2, Environment.ProcessorCount * 2))
            .Select(_ => Channel.CreateBounded<LaneWork>(new BoundedChannelOptions(LaneCapacity) { SingleReader = true }))];
    }

    /// <summary>This edge's id in the edge directory, which presence reports name; set once started.</summary>
    public string EdgeId => _observerId.Value;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var lane in _lanes)
        {
            var reader = new LaneReader(lane, _fanOut, _fanOutHold, _logger);
            _readers.Add(Task.Run(reader.RunAsync, CancellationToken.None));
        }

        // The runtime holds observers weakly; this singleton keeps itself alive.
        _observerId = _grains.CreateObserverReference<IChatEdgeObserver>(this);
        _directory.Add(_observerId);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _directory.Remove(_observerId);
        _grains.DeleteObserverReference(_observerId);
        foreach (var lane in _lanes)
        {
            lane.Writer.TryComplete();
        }

        await Task.WhenAll(_readers).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task OnMessageAsync(ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return EnqueueEventAsync(message.ConversationId, ImEvents.Message, message);
    }

    // Recalls and edits take the conversation's lane too, so a client never sees a change
    // of a message before the message itself.
    public Task OnMessageRecalledAsync(MessageRecall recall)
    {
        ArgumentNullException.ThrowIfNull(recall);
        return EnqueueEventAsync(recall.ConversationId, ImEvents.MessageRecalled, recall);
    }

    public Task OnMessageEditedAsync(ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return EnqueueEventAsync(message.ConversationId, ImEvents.MessageEdited, message);
    }

    public Task OnMembershipChangedAsync(MembershipChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return EnqueueAsync(change.ConversationId, LaneWork.Run(() => ApplyMembershipAsync(change), ChatGroups.Of(change.ConversationId)));
    }

    public Task OnReadAsync(ReadReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return EnqueueEventAsync(receipt.ConversationId, ImEvents.Read, receipt);
    }

    public Task OnPresenceAsync(MemberPresence presence, IReadOnlyList<string> watcherIds)
    {
        ArgumentNullException.ThrowIfNull(presence);
        ArgumentNullException.ThrowIfNull(watcherIds);

        // Users, not conversation groups: a watcher who shares several conversations with
        // the member gets the change once. The member's lane keeps its changes in order.
        return EnqueueAsync($"p:{presence.MemberId}", () => _hub.Clients.Users(watcherIds).SendAsync(ImEvents.Presence, presence));
    }

    public Task OnNotificationAsync(string memberId, Notification notification)
    {
        ArgumentException.ThrowIfNullOrEmpty(memberId);
        ArgumentNullException.ThrowIfNull(notification);

        // The member's lane keeps one member's notices in the order the inbox raised them.
        return EnqueueAsync($"n:{memberId}", () => _hub.Clients.User(memberId).SendAsync(ImEvents.Notification, notification));
    }

    /// <summary>
    /// Sends a typing indicator to the conversation's connections but the typist's, in the
    /// conversation's lane: behind the membership change that put a new member's connections
    /// into its group (a conversation just opened), and in order with its messages.
    /// </summary>
    public Task TypingAsync(TypingEvent typing, string typistConnectionId)
    {
        ArgumentNullException.ThrowIfNull(typing);
        var group = ChatGroups.Of(typing.ConversationId);
        return EnqueueAsync(typing.ConversationId, LaneWork.Run(() => _hub.Clients.GroupExcept(group, typistConnectionId).SendAsync(ImEvents.Typing, typing), group));
    }

    /// <summary>Puts a new connection into the groups of its member's conversations, in each conversation's lane.</summary>
    public Task JoinConversationsAsync(string connectionId, IEnumerable<string> conversationIds) =>
        Task.WhenAll(conversationIds.Select(id =>
        {
            var group = ChatGroups.Of(id);
            return EnqueueAsync(id, LaneWork.Run(() => _hub.Groups.AddToGroupAsync(connectionId, group), group));
        }));

    private async Task ApplyMembershipAsync(MembershipChange change)
    {
        var group = ChatGroups.Of(change.ConversationId);
        foreach (var connectionId in change.Added.SelectMany(_connections.ConnectionsOf))
        {
            await _hub.Groups.AddToGroupAsync(connectionId, group).ConfigureAwait(false);
        }

        // Before the removals, so that removed members learn they were removed.
        await _hub.Clients.Group(group).SendAsync(ImEvents.MembershipChanged, change).ConfigureAwait(false);
        foreach (var connectionId in change.Removed.SelectMany(_connections.ConnectionsOf))
        {
            await _hub.Groups.RemoveFromGroupAsync(connectionId, group).ConfigureAwait(false);
        }
    }

    private Task EnqueueEventAsync(string conversationId, string method, object payload) =>
        EnqueueAsync(conversationId, LaneWork.Event(ChatGroups.Of(conversationId), method, payload));

    private Task EnqueueAsync(string key, Func<Task> work) => EnqueueAsync(key, LaneWork.Run(work));

    private Task EnqueueAsync(string key, LaneWork work)
    {
        var lane = _lanes[(int)((uint)StringComparer.Ordinal.GetHashCode(key) % (uint)_lanes.Length)];
        return lane.Writer.TryWrite(work) ? Task.CompletedTask : lane.Writer.WriteAsync(work).AsTask();
    }
}
