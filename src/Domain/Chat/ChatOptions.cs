namespace Im.Domain.Chat;

/// <summary>Limits of the chat (configuration section <c>Chat</c>).</summary>
public sealed class ChatOptions
{
    public const string SectionName = "Chat";

    public int MaxGroupMembers { get; set; } = 10_000;

    public int MaxRoomMembers { get; set; } = 100_000;

    /// <summary>Longest message text, in UTF-16 chars.</summary>
    public int MaxTextLength { get; set; } = 5_000;

    public int MaxMentions { get; set; } = 50;

    public int MaxTitleLength { get; set; } = 100;

    public int MaxClientMsgIdLength { get; set; } = 64;

    public int DefaultHistoryPage { get; set; } = 50;

    public int MaxHistoryPage { get; set; } = 200;

    public int DefaultReadByPage { get; set; } = 100;

    public int MaxReadByPage { get; set; } = 500;

    /// <summary>Groups up to this size share their members' presence; larger groups and rooms never do.</summary>
    public int PresenceGroupLimit { get; set; } = 200;

    /// <summary>How long after sending the sender may recall a message; group owners and admins may at any time.</summary>
    public TimeSpan RecallWindow { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long after sending the sender may edit a message.</summary>
    public TimeSpan EditWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// The most messages after a member's read position that are scanned for their unread
    /// mentions (the newest ones); older unread mentions are not counted.
    /// </summary>
    public int MaxMentionScan { get; set; } = 500;

    /// <summary>
    /// Conversations with at most this many messages load their clientMsgIds on an
    /// activation's first send (about 1.25 bytes each, in a filter; read again once the
    /// activation's own sends have filled it), so a send with a new id needs no history
    /// lookup to rule out a retry; longer ones look each new id up.
    /// </summary>
    public int MaxPreloadedClientMsgIds { get; set; } = 16_384;
}
