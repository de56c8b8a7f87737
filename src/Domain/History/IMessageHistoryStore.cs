namespace Im.Domain.History;

/// <summary>
/// Message history, appended once per message and changed in place only by versioned body updates, laid out partition-first like a wide-column table:
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
/// <item>A message's seq, sender, client id and sent-at never change; only its body does,
/// through <see cref="UpdateBodyAsync"/>, which is a compare-and-set on the edit version:
/// of two writers holding the same version exactly one wins, so an edit or recall by a stale
/// activation never overwrites a newer one.</item>
/// <item>Seqs start at 1; <see cref="HistoryMessage.SentAt"/> comes back in UTC, truncated
/// to whole microseconds.</item>
/// </list>
/// A Cassandra/Scylla adapter fits behind this port with an
/// <c>INSERT ... IF NOT EXISTS</c> per message and <c>UPDATE ... IF edit_version = ?</c> per edit.
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

    /// <summary>
    /// The client ids of every stored message of the conversation, in no particular order
    /// (an index-only read where the adapter can): what a conversation loads once to tell new
    /// clientMsgIds from retries without a lookup per send.
    /// </summary>
    Task<IReadOnlyList<string>> ReadClientMsgIdsAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the body of message <paramref name="seq"/> and sets its edit version to
    /// <paramref name="expectedEditVersion"/> + 1, only if the stored version is still
    /// <paramref name="expectedEditVersion"/>. Durable when it returns.
    /// </summary>
    /// <returns>False, with nothing changed, when the message does not exist or its version moved.</returns>
    Task<bool> UpdateBodyAsync(string conversationId, long seq, string body, long expectedEditVersion, CancellationToken cancellationToken);
}
