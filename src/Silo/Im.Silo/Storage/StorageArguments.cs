using Im.Actors.Reminders;
using Im.Domain.History;

namespace Im.Silo.Storage;

/// <summary>Argument checks shared by the adapters, so both reject the same calls.</summary>
internal static class StorageArguments
{
    public static void Key(string grainType, string grainKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(grainType);
        ArgumentNullException.ThrowIfNull(grainKey);
    }

    public static void Reminder(ReminderEntry reminder)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        Key(reminder.GrainType, reminder.GrainKey);
        ArgumentException.ThrowIfNullOrEmpty(reminder.Name, nameof(reminder));
        if (reminder.Period is { } period && period <= TimeSpan.Zero)
        {
            throw new ArgumentException("a reminder's period must be positive, or null for a one-shot reminder", nameof(reminder));
        }
    }

    public static void ReminderKey(string grainType, string grainKey, string name)
    {
        Key(grainType, grainKey);
        ArgumentException.ThrowIfNullOrEmpty(name);
    }

    /// <summary>Checks a reschedule; returns the etag it is conditional on.</summary>
    public static string Reschedule(ReminderEntry reminder)
    {
        Reminder(reminder);
        return reminder.Etag
            ?? throw new ArgumentException("rescheduling is conditional: pass the entry as the store returned it, with its etag", nameof(reminder));
    }

    public static void Limit(int limit) => ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);

    public static void Conversation(string conversationId) => ArgumentException.ThrowIfNullOrEmpty(conversationId);

    public static void ClientMsgId(string conversationId, string clientMsgId)
    {
        Conversation(conversationId);
        ArgumentNullException.ThrowIfNull(clientMsgId);
    }

    /// <summary>Checks a batch; returns false when it is empty and there is nothing to write.</summary>
    public static bool Batch(IReadOnlyList<HistoryMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return false;
        }

        var conversationId = messages[0]?.ConversationId;
        foreach (var message in messages)
        {
            if (message is null)
            {
                throw new ArgumentException("a batch cannot contain null messages", nameof(messages));
            }

            Conversation(message.ConversationId);
            if (!string.Equals(message.ConversationId, conversationId, StringComparison.Ordinal))
            {
                throw new ArgumentException("a batch holds messages of one conversation only", nameof(messages));
            }

            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(message.Seq, nameof(messages));
            ArgumentNullException.ThrowIfNull(message.SenderId, nameof(messages));
            ArgumentNullException.ThrowIfNull(message.ClientMsgId, nameof(messages));
            ArgumentNullException.ThrowIfNull(message.Body, nameof(messages));
        }

        return true;
    }

    public static void ReadAfter(string conversationId, long afterSeq, long beforeSeq, int limit)
    {
        Conversation(conversationId);
        ArgumentOutOfRangeException.ThrowIfNegative(afterSeq);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(beforeSeq, afterSeq);
        Limit(limit);
    }

    public static void ReadBefore(string conversationId, long beforeSeq, int limit)
    {
        Conversation(conversationId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(beforeSeq);
        Limit(limit);
    }

    public static void BodyUpdate(string conversationId, long seq, string body, long expectedEditVersion)
    {
        Conversation(conversationId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(seq);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedEditVersion);
    }
}
