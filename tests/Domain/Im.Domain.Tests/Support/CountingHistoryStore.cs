using Im.Domain.History;

namespace Im.Domain.Tests.Support;

/// <summary>A history store that counts the reads a conversation makes to tell retries from new sends, and passes everything on.</summary>
public sealed class CountingHistoryStore(IMessageHistoryStore inner) : IMessageHistoryStore
{
    private int _lookups;
    private int _preloads;

    /// <summary>Calls of <see cref="FindByClientMsgIdAsync"/>.</summary>
    public int Lookups => Volatile.Read(ref _lookups);

    /// <summary>Calls of <see cref="ReadClientMsgIdsAsync"/>.</summary>
    public int Preloads => Volatile.Read(ref _preloads);

    public Task AppendAsync(IReadOnlyList<HistoryMessage> messages, CancellationToken cancellationToken) =>
        inner.AppendAsync(messages, cancellationToken);

    public Task<IReadOnlyList<HistoryMessage>> ReadAfterAsync(string conversationId, long afterSeq, long beforeSeq, int limit, CancellationToken cancellationToken) =>
        inner.ReadAfterAsync(conversationId, afterSeq, beforeSeq, limit, cancellationToken);

    public Task<IReadOnlyList<HistoryMessage>> ReadBeforeAsync(string conversationId, long beforeSeq, int limit, CancellationToken cancellationToken) =>
        inner.ReadBeforeAsync(conversationId, beforeSeq, limit, cancellationToken);

    public Task<long> ReadMaxSeqAsync(string conversationId, CancellationToken cancellationToken) =>
        inner.ReadMaxSeqAsync(conversationId, cancellationToken);

    public Task<HistoryMessage?> FindByClientMsgIdAsync(string conversationId, string clientMsgId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _lookups);
        return inner.FindByClientMsgIdAsync(conversationId, clientMsgId, cancellationToken);
    }

    public Task<IReadOnlyList<string>> ReadClientMsgIdsAsync(string conversationId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _preloads);
        return inner.ReadClientMsgIdsAsync(conversationId, cancellationToken);
    }

    public Task<bool> UpdateBodyAsync(string conversationId, long seq, string body, long expectedEditVersion, CancellationToken cancellationToken) =>
        inner.UpdateBodyAsync(conversationId, seq, body, expectedEditVersion, cancellationToken);
}
