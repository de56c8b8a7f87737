namespace Im.Domain.Chat;

/// <summary>
/// The receipts of a conversation's latest sends, by clientMsgId, so most retries are
/// answered from memory. Bounded: the oldest entries are dropped past the capacity, and a
/// miss then falls back to the history store. One per activation; no locking (turns never overlap).
/// </summary>
internal sealed class RecentSends(int capacity)
{
    private readonly Dictionary<string, (string SenderId, SendReceipt Receipt)> _byClientMsgId = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    /// <summary>True while nothing was dropped: then a miss means no send of this activation used the id.</summary>
    public bool HoldsEverySend { get; private set; } = true;

    public (string SenderId, SendReceipt Receipt)? Find(string clientMsgId) =>
        _byClientMsgId.TryGetValue(clientMsgId, out var entry) ? entry : null;

    public void Add(string senderId, SendReceipt receipt)
    {
        if (!_byClientMsgId.TryAdd(receipt.ClientMsgId, (senderId, receipt)))
        {
            return;
        }

        _order.Enqueue(receipt.ClientMsgId);
        while (_order.Count > capacity)
        {
            _byClientMsgId.Remove(_order.Dequeue());
            HoldsEverySend = false;
        }
    }
}
