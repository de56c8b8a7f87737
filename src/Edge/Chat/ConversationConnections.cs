using Microsoft.AspNetCore.SignalR;

namespace Im.Edge.Chat;

/// <summary>
/// The local connections of one conversation's members. Changes take a lock; sends read a
/// snapshot array that is rebuilt only after a change, so a busy conversation's fan-out
/// neither locks nor allocates per message. Thread-safe.
/// </summary>
internal sealed class ConversationConnections
{
    private readonly HashSet<HubConnectionContext> _members = [];
    private HubConnectionContext[]? _snapshot;

    // Set once the set was found empty and is being dropped from the manager's table; a join
    // that finds it closed starts a fresh set instead.
    private bool _closed;

    /// <summary>Adds the connection; false when this set was closed and the caller must use a fresh one.</summary>
    public bool TryAdd(HubConnectionContext connection)
    {
        lock (_members)
        {
            if (_closed)
            {
                return false;
            }

            if (_members.Add(connection))
            {
                _snapshot = null;
            }

            return true;
        }
    }

    /// <summary>Closes the set if it is empty, so that no join can land in it after it is dropped.</summary>
    public bool TryClose()
    {
        lock (_members)
        {
            _closed = _members.Count == 0;
            return _closed;
        }
    }

    public bool Remove(HubConnectionContext connection)
    {
        lock (_members)
        {
            if (!_members.Remove(connection))
            {
                return false;
            }

            _snapshot = null;
            return true;
        }
    }

    /// <summary>The connections as of the last change; callers must not modify it.</summary>
    public HubConnectionContext[] Snapshot()
    {
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot is not null)
        {
            return snapshot;
        }

        lock (_members)
        {
            return _snapshot ??= [.. _members];
        }
    }
}
