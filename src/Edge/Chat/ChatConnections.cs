namespace Im.Edge.Chat;

/// <summary>The connections this edge holds, by member: a member may be online on several devices.</summary>
/// <remarks>One lock: connects and disconnects are rare next to messages, which never take it.</remarks>
public sealed class ChatConnections
{
    private readonly object _lock = new();
    private readonly Dictionary<string, HashSet<string>> _byMember = new(StringComparer.Ordinal);

    public void Add(string memberId, string connectionId)
    {
        lock (_lock)
        {
            if (!_byMember.TryGetValue(memberId, out var connections))
            {
                _byMember[memberId] = connections = new HashSet<string>(StringComparer.Ordinal);
            }

            connections.Add(connectionId);
        }
    }

    public void Remove(string memberId, string connectionId)
    {
        lock (_lock)
        {
            if (_byMember.TryGetValue(memberId, out var connections) && connections.Remove(connectionId) && connections.Count == 0)
            {
                _byMember.Remove(memberId);
            }
        }
    }

    public IReadOnlyCollection<string> Of(string memberId)
    {
        lock (_lock)
        {
            return _byMember.TryGetValue(memberId, out var connections) ? [.. connections] : [];
        }
    }
}
