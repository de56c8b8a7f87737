using Im.Domain.Files;

namespace Im.Domain.Chat;

/// <summary>A delivered or stored message, exactly the contract's <c>Message</c>.</summary>
public sealed record ChatMessage(
    string ConversationId,
    long Seq,
    string SenderId,
    string ClientMsgId,
    string Text,
    IReadOnlyList<string> Mentions,
    DateTimeOffset SentAt)
{
    /// <summary>Files the message refers to; empty for plain text. Outside the constructor so existing callers keep compiling.</summary>
    public IReadOnlyList<MessageAttachment> Attachments { get; init; } = [];
}
