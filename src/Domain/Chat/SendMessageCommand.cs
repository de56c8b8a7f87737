namespace Im.Domain.Chat;

/// <summary>
/// A member's send; <see cref="ClientMsgId"/> makes retries idempotent.
/// <see cref="AttachmentFileIds"/> name files uploaded to this conversation.
/// </summary>
public sealed record SendMessageCommand(string SenderId, string ClientMsgId, string Text, IReadOnlyList<string>? Mentions = null, IReadOnlyList<string>? AttachmentFileIds = null);
