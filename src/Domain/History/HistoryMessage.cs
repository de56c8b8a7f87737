namespace Im.Domain.History;

/// <summary>
/// One stored message. <see cref="Body"/> is the message's content as JSON, opaque to the
/// store so that new message kinds need no schema change. <see cref="EditVersion"/> is 0 as
/// appended and moves by one with every conditional body update (an edit or a recall).
/// </summary>
public sealed record HistoryMessage(
    string ConversationId,
    long Seq,
    string SenderId,
    string ClientMsgId,
    DateTimeOffset SentAt,
    string Body,
    long EditVersion = 0);
