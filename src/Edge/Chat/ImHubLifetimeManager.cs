using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Im.Edge.Chat;

/// <summary>
/// SignalR's in-process lifetime manager for <see cref="ImHub"/>, except that conversation
/// groups (<see cref="ChatGroups"/>) are kept here, so that <see cref="SendEventsAsync"/> can
/// write several events of one conversation to each connection back to back.
/// </summary>
/// <remarks>
/// <para>Why: a busy conversation's events wait in its lane while the previous one fans out.
/// Sent one group send at a time, every event costs every connection its own socket write;
/// written back to back, the events queued for a connection leave in one WebSocket frame
/// (SignalR separates records within a frame), and each event is serialized once for all
/// connections.</para>
/// <para>Order: <see cref="SendEventsAsync"/> writes a connection's events in the order given
/// and starts an event only after the previous one to that connection was accepted; callers
/// (the conversation's lane) never run two sends of one conversation at once. Other groups,
/// users and connections behave exactly as in <see cref="DefaultHubLifetimeManager{THub}"/>.</para>
/// </remarks>
public sealed class ImHubLifetimeManager(ILogger<DefaultHubLifetimeManager<ImHub>> logger, IConfiguration configuration) : DefaultHubLifetimeManager<ImHub>(logger)
{
    /// <summary>Connections per parallel shard of one conversation's fan-out (<c>Hubs:FanOutShardSize</c>).</summary>
    private readonly int _fanOutShardSize = configuration.GetValue("Hubs:FanOutShardSize", 1000);

    private readonly ConcurrentDictionary<string, HubConnectionContext> _connections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConversationConnections> _conversations = new(StringComparer.Ordinal);

    // The conversation groups of each connection that is in any, so a disconnect visits those
    // only (SignalR's own manager visits every group there is); connections in none cost nothing.
    private readonly ConcurrentDictionary<HubConnectionContext, HashSet<string>> _groupsOf = new();

    public override Task OnConnectedAsync(HubConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connections[connection.ConnectionId] = connection;
        return base.OnConnectedAsync(connection);
    }

    public override Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connections.TryRemove(connection.ConnectionId, out _);
        LeaveAll(connection);
        return base.OnDisconnectedAsync(connection);
    }

    public override Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(groupName);
        if (!ChatGroups.IsConversation(groupName))
        {
            return base.AddToGroupAsync(connectionId, groupName, cancellationToken);
        }

        if (!_connections.TryGetValue(connectionId, out var connection))
        {
            return Task.CompletedTask;
        }

        while (!_conversations.GetOrAdd(groupName, static _ => new ConversationConnections()).TryAdd(connection))
        {
            // Found a set being dropped as empty: the next GetOrAdd finds it gone or a fresh one.
        }

        var groups = _groupsOf.GetOrAdd(connection, static _ => new HashSet<string>(StringComparer.Ordinal));
        lock (groups)
        {
            groups.Add(groupName);
        }

        // A disconnect that ran meanwhile may have swept this connection's groups before this
        // add (or taken the list this add went into): leave this group and sweep again, so a
        // closed connection is never kept in a group.
        if (!_connections.ContainsKey(connectionId))
        {
            Leave(connection, groupName);
            LeaveAll(connection);
        }

        return Task.CompletedTask;
    }

    public override Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(groupName);
        if (!ChatGroups.IsConversation(groupName))
        {
            return base.RemoveFromGroupAsync(connectionId, groupName, cancellationToken);
        }

        if (!_connections.TryGetValue(connectionId, out var connection))
        {
            return Task.CompletedTask;
        }

        if (_groupsOf.TryGetValue(connection, out var groups))
        {
            lock (groups)
            {
                groups.Remove(groupName);
            }
        }

        Leave(connection, groupName);
        return Task.CompletedTask;
    }

    public override Task SendGroupAsync(string groupName, string methodName, object?[] args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(groupName);
        return ChatGroups.IsConversation(groupName)
            ? SendEventsAsync(groupName, [new SerializedHubMessage(new InvocationMessage(methodName, args))], cancellationToken)
            : base.SendGroupAsync(groupName, methodName, args, cancellationToken);
    }

    public override Task SendGroupExceptAsync(string groupName, string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(groupName);
        ArgumentNullException.ThrowIfNull(excludedConnectionIds);
        return ChatGroups.IsConversation(groupName)
            ? SendEventsAsync(groupName, [new SerializedHubMessage(new InvocationMessage(methodName, args))], cancellationToken, excludedConnectionIds)
            : base.SendGroupExceptAsync(groupName, methodName, args, excludedConnectionIds, cancellationToken);
    }

    public override Task SendGroupsAsync(IReadOnlyList<string> groupNames, string methodName, object?[] args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(groupNames);
        var others = groupNames.Where(group => !ChatGroups.IsConversation(group)).ToList();
        SerializedHubMessage[] message = [new SerializedHubMessage(new InvocationMessage(methodName, args))];
        return Task.WhenAll(
        [
            .. groupNames.Where(ChatGroups.IsConversation).Select(group => SendEventsAsync(group, message, cancellationToken)),
            others.Count > 0 ? base.SendGroupsAsync(others, methodName, args, cancellationToken) : Task.CompletedTask,
        ]);
    }

    /// <summary>Whether a conversation group has enough connections here to be fanned out in parallel shards (<see cref="SendEventsAsync"/>).</summary>
    public bool FansOutInShards(string groupName) =>
        _conversations.TryGetValue(groupName, out var members) && ShardsFor(members.Snapshot().Length) >= 2;

    /// <summary>
    /// Writes <paramref name="events"/>, in order, to every connection of the conversation
    /// group; completes when every connection has accepted them (SignalR's backpressure).
    /// </summary>
    /// <remarks>
    /// A large group's connections are split into up to one shard per core, written in
    /// parallel: one conversation's fan-out is one lane's work, and without the split a
    /// 5,000-connection group could use one core only. Each connection is in exactly one shard
    /// and the lane waits for every shard before its next events, so each connection still
    /// gets its events in order.
    /// </remarks>
    public Task SendEventsAsync(string groupName, IReadOnlyList<SerializedHubMessage> events, CancellationToken cancellationToken = default, IReadOnlyList<string>? excludedConnectionIds = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0 || !_conversations.TryGetValue(groupName, out var members))
        {
            return Task.CompletedTask;
        }

        var connections = members.Snapshot();
        var shards = ShardsFor(connections.Length);
        if (shards < 2)
        {
            return WriteAll(connections, 0, connections.Length, events, excludedConnectionIds, cancellationToken);
        }

        // Serialized here, once, before any shard reads the cached bytes.
        foreach (var message in events)
        {
            message.GetSerializedMessage(connections[0].Protocol);
        }

        var writes = new Task[shards];
        var size = (connections.Length + shards - 1) / shards;
        for (var shard = 1; shard < shards; shard++)
        {
            var start = shard * size;
            writes[shard] = Task.Run(() => WriteAll(connections, start, Math.Min(start + size, connections.Length), events, excludedConnectionIds, cancellationToken), cancellationToken);
        }

        writes[0] = WriteAll(connections, 0, size, events, excludedConnectionIds, cancellationToken);
        return Task.WhenAll(writes);
    }

    private int ShardsFor(int connections) => Math.Min(Environment.ProcessorCount, connections / Math.Max(1, _fanOutShardSize));

    private static Task WriteAll(HubConnectionContext[] connections, int start, int end, IReadOnlyList<SerializedHubMessage> events, IReadOnlyList<string>? excludedConnectionIds, CancellationToken cancellationToken)
    {
        List<Task>? pending = null;
        for (var c = start; c < end; c++)
        {
            var connection = connections[c];
            if (excludedConnectionIds is not null && excludedConnectionIds.Contains(connection.ConnectionId))
            {
                continue;
            }

            for (var i = 0; i < events.Count; i++)
            {
                var write = connection.WriteAsync(events[i], cancellationToken);
                if (!write.IsCompletedSuccessfully)
                {
                    // This connection pushes back: its remaining events follow once it accepted this one.
                    (pending ??= []).Add(WriteRestAsync(connection, write, events, i + 1, cancellationToken));
                    break;
                }
            }
        }

        return pending is null ? Task.CompletedTask : Task.WhenAll(pending);
    }

    private static async Task WriteRestAsync(HubConnectionContext connection, ValueTask accepted, IReadOnlyList<SerializedHubMessage> events, int next, CancellationToken cancellationToken)
    {
        await accepted.ConfigureAwait(false);
        for (var i = next; i < events.Count; i++)
        {
            await connection.WriteAsync(events[i], cancellationToken).ConfigureAwait(false);
        }
    }

    private void LeaveAll(HubConnectionContext connection)
    {
        if (!_groupsOf.TryRemove(connection, out var groups))
        {
            return;
        }

        string[] names;
        lock (groups)
        {
            names = [.. groups];
        }

        foreach (var group in names)
        {
            Leave(connection, group);
        }
    }

    private void Leave(HubConnectionContext connection, string group)
    {
        if (_conversations.TryGetValue(group, out var members) && members.Remove(connection))
        {
            DropIfEmpty(group, members);
        }
    }

    private void DropIfEmpty(string group, ConversationConnections members)
    {
        // Closed first, under the set's lock: a join racing this drop either landed before
        // (and the set is not empty) or finds the set closed and makes a fresh one.
        if (members.TryClose())
        {
            _conversations.TryRemove(new KeyValuePair<string, ConversationConnections>(group, members));
        }
    }
}
