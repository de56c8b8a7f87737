namespace Im.Bench.Chat;

/// <summary>
/// The shape of Im's <c>message</c> event, sent through the bare hub's Send so that the
/// baseline fans out as many bytes per delivery as Im does.
/// </summary>
public sealed record ChatMessageCopy(string ConversationId, long Seq, string SenderId, string ClientMsgId, string Text, IReadOnlyList<string> Mentions, DateTimeOffset SentAt);
