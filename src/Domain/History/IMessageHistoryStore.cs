namespace Im.Domain.History;

/// <summary>
/// Append-only message history, laid out partition-first like a wide-column table:
/// partition (conversation, bucket), clustering seq; bucket = seq / <see cref="HistoryBuckets.Size"/>.
/// </summary>
/// <remarks>
/// Guarantees every adapter must keep (the shared behaviour suite checks them):
/// <list type="bullet">
/// <item>An append returns only after the message is durable: the ack to a sender waits for it.</item>
/// <item>(conversation, seq) is unique: appending an existing one throws
/// <see cref="DuplicateMessageException"/> and never overwrites. This fences two
/// activations of one conversation: exactly one of them gets each seq.</item>
/// <item>Range reads return messages ordered by seq ascending.</item>
/// <item>Seqs start at 1; <see cref="HistoryMessage.SentAt"/> comes back in UTC, truncated
/// to whole microseconds.</item>
/// </list>
/// A Cassandra/Scylla adapter fits behind this port with an
/// <c>INSERT ... IF NOT EXISTS</c> per message.
/// </remarks>
public interface IMessageHistoryStore
{
    /// <summary>Appends messages of one conversation in one durable write; all or none.</summary>
    Task AppendAsync(IReadOnlyList<HistoryMessage> messages, CancellationToken cancellationToken);

    /// <summary>Messages with afterSeq &lt; seq &lt; beforeSeq, ascending, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<HistoryMessage>> ReadAfterAsync(string conversationId, long afterSeq, long beforeSeq, int limit, CancellationToken cancellationToken);

    /// <summary>The newest messages below <paramref name="beforeSeq"/>, at most <paramref name="limit"/>, returned ascending.</summary>
    Task<IReadOnlyList<HistoryMessage>> ReadBeforeAsync(string conversationId, long beforeSeq, int limit, CancellationToken cancellationToken);

    /// <summary>The highest stored seq, 0 when the conversation has none.</summary>
    Task<long> ReadMaxSeqAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>The message stored for a client's id, used to answer a retried send after a restart.</summary>
    Task<HistoryMessage?> FindByClientMsgIdAsync(string conversationId, string clientMsgId, CancellationToken cancellationToken);
}
