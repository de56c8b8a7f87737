using Im.Actors;
using Im.Domain.Chat;
using Im.Domain.Errors;
using Im.Domain.Push;

namespace Im.Domain.Notifications;

[GrainType("notification-inbox")]
public sealed class NotificationInboxGrain(IEdgeDirectory edges, IPushDispatcher push) : Grain<NotificationInboxState>, INotificationInboxGrain
{
    /// <summary>How many notices an inbox keeps; raising one more drops the oldest.</summary>
    public const int Capacity = 500;

    public const int DefaultPage = 50;

    public const int MaxPage = 200;

    private const int MaxKindLength = 64;
    private const int MaxIdLength = 128;
    private const int MaxTitleLength = 256;
    private const int MaxBodyLength = 4096;
    private const int MaxDataEntries = 32;

    private static readonly TimeSpan EdgePushTimeout = TimeSpan.FromSeconds(5);

    public async Task<Notification> RaiseAsync(NewNotification notification)
    {
        Check(notification);
        if (State.Items.Find(i => i.Id == notification.Id) is { } stored)
        {
            return ToNotification(stored);
        }

        // Creation times are unique and increasing within an inbox, so "after createdAt"
        // pages never skip or repeat a notice raised in the same tick.
        var now = TimeProvider.GetUtcNow();
        var last = State.Items.Count > 0 ? State.Items[^1].CreatedAt : DateTimeOffset.MinValue;
        var createdAt = StoredTime(now > last ? now : last.AddTicks(10));
        var item = new NotificationItem(
            notification.Kind,
            notification.Id,
            notification.Title,
            notification.Body,
            new Dictionary<string, string>(notification.Data ?? new Dictionary<string, string>(), StringComparer.Ordinal),
            createdAt,
            Read: false);
        State.Items.Add(item);
        if (State.Items.Count > Capacity)
        {
            State.Items.RemoveRange(0, State.Items.Count - Capacity);
        }

        await WriteStateAsync();
        var raised = ToNotification(item);
        await DeliverAsync(raised);
        return raised;
    }

    public Task<NotificationPage> ListAsync(NotificationQuery query)
    {
        query ??= new NotificationQuery();
        var limit = query.Limit ?? DefaultPage;
        if (limit <= 0)
        {
            throw new DomainException(ErrorCodes.Invalid, "limit must be positive");
        }

        limit = Math.Min(limit, MaxPage);
        List<NotificationItem> page;
        bool hasMore;
        if (query.AfterCreatedAt is { } after)
        {
            var newer = State.Items.Where(i => i.CreatedAt > after).ToList();
            hasMore = newer.Count > limit;
            page = [.. newer.Take(limit)];
        }
        else
        {
            hasMore = State.Items.Count > limit;
            page = [.. State.Items.Skip(Math.Max(0, State.Items.Count - limit))];
        }

        return Task.FromResult(new NotificationPage(page, hasMore, UnreadCount));
    }

    public async Task<int> MarkReadAsync(IReadOnlyList<string> ids)
    {
        if (ids is null || ids.Count > MaxPage)
        {
            throw new DomainException(ErrorCodes.Invalid, $"ids must be a list of at most {MaxPage}");
        }

        var wanted = ids.ToHashSet(StringComparer.Ordinal);
        var changed = false;
        for (var i = 0; i < State.Items.Count; i++)
        {
            if (!State.Items[i].Read && wanted.Contains(State.Items[i].Id))
            {
                State.Items[i] = State.Items[i] with { Read = true };
                changed = true;
            }
        }

        // Marking what is read already (a retry) writes nothing.
        if (changed)
        {
            await WriteStateAsync();
        }

        return UnreadCount;
    }

    public Task<int> GetUnreadCountAsync() => Task.FromResult(UnreadCount);

    private int UnreadCount => State.Items.Count(i => !i.Read);

    private async Task DeliverAsync(Notification notification)
    {
        foreach (var edge in edges.Edges)
        {
            try
            {
                await GrainFactory.GetObserver<INotificationEdgeObserver>(edge)
                    .OnNotificationAsync(GrainKey, notification)
                    .WaitAsync(EdgePushTimeout, TimeProvider);
            }
            catch (Exception)
            {
                // Best effort by contract: the member finds it with getNotifications.
            }
        }

        var data = new Dictionary<string, string>(notification.Data, StringComparer.Ordinal)
        {
            ["kind"] = notification.Kind,
            ["notificationId"] = notification.Id,
        };
        push.TryEnqueue(new PushJob([GrainKey], ConversationId: null, SenderId: null, new PushContent(notification.Title, notification.Body, data)));
    }

    private static Notification ToNotification(NotificationItem item) =>
        new(item.Kind, item.Id, item.Title, item.Body, item.Data, item.CreatedAt);

    // Stored state round-trips through JSON; whole microseconds keep a retry's answer equal.
    private static DateTimeOffset StoredTime(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % 10), TimeSpan.Zero);

    private static void Check(NewNotification? n)
    {
        if (n is null)
        {
            throw new DomainException(ErrorCodes.Invalid, "a notification is required");
        }

        Text(n.Kind, "kind", MaxKindLength, allowEmpty: false);
        Text(n.Id, "id", MaxIdLength, allowEmpty: false);
        Text(n.Title, "title", MaxTitleLength, allowEmpty: true);
        Text(n.Body, "body", MaxBodyLength, allowEmpty: true);
        if (n.Data is { Count: > MaxDataEntries })
        {
            throw new DomainException(ErrorCodes.TooLarge, $"data holds at most {MaxDataEntries} entries");
        }

        if (n.Data is not null && n.Data.Any(e => e.Key.Length is 0 or > MaxKindLength || e.Value is null || e.Value.Length > MaxBodyLength))
        {
            throw new DomainException(ErrorCodes.Invalid, "data keys must be 1..64 characters and values at most 4096");
        }
    }

    private static void Text(string? value, string name, int max, bool allowEmpty)
    {
        if (value is null || (!allowEmpty && value.Length == 0) || value.Length > max)
        {
            throw new DomainException(ErrorCodes.Invalid, $"{name} must be {(allowEmpty ? 0 : 1)}..{max} characters");
        }
    }
}
