using Im.Domain.Files;

namespace Im.Domain.Chat;

/// <summary>
/// A delivered or stored message, exactly the contract's <c>Message</c>. The fields after
/// <see cref="SentAt"/> came with edits and recalls: <see cref="EditVersion"/> is 0 as sent
/// and moves with each edit (a recall moves it once more); a recalled message keeps its seq
/// with an empty text and no mentions.
/// </summary>
public sealed record ChatMessage(
    string ConversationId,
    long Seq,
    string SenderId,
    string ClientMsgId,
    string Text,
    IReadOnlyList<string> Mentions,
    DateTimeOffset SentAt,
    long EditVersion = 0,
    DateTimeOffset? EditedAt = null,
    bool Recalled = false,
    string? RecalledBy = null)
{
    /// <summary>Files the message refers to; empty for plain text. Outside the constructor so existing callers keep compiling.</summary>
    public IReadOnlyList<MessageAttachment> Attachments { get; init; } = [];
}
