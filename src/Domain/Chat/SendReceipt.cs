namespace Im.Domain.Chat;

/// <summary>The ack of a send, given only once the message is durable. A retry gets the same receipt.</summary>
public sealed record SendReceipt(string ConversationId, string ClientMsgId, long Seq, DateTimeOffset SentAt);
