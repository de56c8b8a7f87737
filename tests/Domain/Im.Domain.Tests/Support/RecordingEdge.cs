using Im.Domain.Chat;
using Im.Domain.Notifications;

namespace Im.Domain.Tests.Support;

/// <summary>
/// An edge that records what conversations and inboxes push. Both await each push before
/// answering, so a test can check the record as soon as its call returns.
/// </summary>
public sealed class RecordingEdge : IChatEdgeObserver, INotificationEdgeObserver
{
    private readonly Lock _lock = new();
    private readonly List<ChatMessage> _messages = [];
    private readonly List<MembershipChange> _changes = [];
    private readonly List<ReadReceipt> _reads = [];
    private readonly List<MessageRecall> _recalls = [];
    private readonly List<ChatMessage> _edits = [];
    private readonly List<(string MemberId, Notification Notification)> _notifications = [];

    public IReadOnlyList<(string MemberId, Notification Notification)> Notifications
    {
        get
        {
            lock (_lock)
            {
                return [.. _notifications];
            }
        }
    }

    public IReadOnlyList<ChatMessage> Messages
    {
        get
        {
            lock (_lock)
            {
                return [.. _messages];
            }
        }
    }

    public IReadOnlyList<MembershipChange> Changes
    {
        get
        {
            lock (_lock)
            {
                return [.. _changes];
            }
        }
    }

    public IReadOnlyList<ReadReceipt> Reads
    {
        get
        {
            lock (_lock)
            {
                return [.. _reads];
            }
        }
    }

    public Task OnReadAsync(ReadReceipt receipt)
    {
        lock (_lock)
        {
            _reads.Add(receipt);
        }

        return Task.CompletedTask;
    }

    public Task OnMessageAsync(ChatMessage message)
    {
        lock (_lock)
        {
            _messages.Add(message);
        }

        return Task.CompletedTask;
    }

    public IReadOnlyList<MessageRecall> Recalls
    {
        get
        {
            lock (_lock)
            {
                return [.. _recalls];
            }
        }
    }

    public IReadOnlyList<ChatMessage> Edits
    {
        get
        {
            lock (_lock)
            {
                return [.. _edits];
            }
        }
    }

    public Task OnMessageRecalledAsync(MessageRecall recall)
    {
        lock (_lock)
        {
            _recalls.Add(recall);
        }

        return Task.CompletedTask;
    }

    public Task OnMessageEditedAsync(ChatMessage message)
    {
        lock (_lock)
        {
            _edits.Add(message);
        }

        return Task.CompletedTask;
    }

    public Task OnMembershipChangedAsync(MembershipChange change)
    {
        lock (_lock)
        {
            _changes.Add(change);
        }

        return Task.CompletedTask;
    }

    public Task OnNotificationAsync(string memberId, Notification notification)
    {
        lock (_lock)
        {
            _notifications.Add((memberId, notification));
        }

        return Task.CompletedTask;
    }
}
