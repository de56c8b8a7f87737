namespace Im.Domain.History;

/// <summary>An append hit a (conversation, seq) that is already stored; nothing was written.</summary>
public sealed class DuplicateMessageException : Exception
{
    public DuplicateMessageException(string conversationId, long seq, Exception? innerException = null)
        : base($"duplicate: message {conversationId}#{seq} is already stored", innerException)
    {
        ConversationId = conversationId;
        Seq = seq;
    }

    public DuplicateMessageException()
    {
    }

    public DuplicateMessageException(string message) : base(message)
    {
    }

    public DuplicateMessageException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public string? ConversationId { get; }

    public long Seq { get; }
}
