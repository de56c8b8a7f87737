namespace Im.Bench.Chat;

/// <summary>Im's sendMessage argument; the bare hub's Echo gets the same bytes.</summary>
public sealed record ChatSend(string ConversationId, string ClientMsgId, string Text);
