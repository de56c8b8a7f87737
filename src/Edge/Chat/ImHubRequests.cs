using Im.Domain.Chat;
using Im.Domain.Push;

namespace Im.Edge.Chat;

// Wire types of /hubs/im, named as a JSON client sees them (camelCase). docs/protocol.md
// documents each; fields are only ever added, never renamed.

/// <summary><c>openDirect</c>, <c>createGroup</c>, <c>createRoom</c> answer with the conversation's id.</summary>
public sealed record ConversationRef(string ConversationId);

public sealed record CreateGroupRequest(string Title, IReadOnlyList<string>? MemberIds);

public sealed record CreateRoomRequest(string RoomId, string Title);

public sealed record SendMessageRequest(string ConversationId, string ClientMsgId, string Text, IReadOnlyList<string>? Mentions, IReadOnlyList<AttachmentRequest>? Attachments = null);

/// <summary>A file of the conversation, uploaded before the send, that a message refers to.</summary>
public sealed record AttachmentRequest(string FileId);

public sealed record GetHistoryRequest(string ConversationId, long? AfterSeq, long? BeforeSeq, int? Limit);

public sealed record MarkReadRequest(string ConversationId, long Seq);

public sealed record GetReadByRequest(string ConversationId, long Seq, int? Limit, string? After);

public sealed record GetPresenceRequest(IReadOnlyList<string> MemberIds);

public sealed record RecallMessageRequest(string ConversationId, long Seq);

public sealed record EditMessageRequest(string ConversationId, long Seq, string Text, IReadOnlyList<string>? Mentions);

public sealed record MembersRequest(string ConversationId, IReadOnlyList<string> MemberIds);

public sealed record MemberRequest(string ConversationId, string MemberId);

public sealed record SetRoleRequest(string ConversationId, string MemberId, MemberRole Role);

public sealed record RenameRequest(string ConversationId, string Title);

/// <summary>One row of <c>getConversations</c>.</summary>
public sealed record ConversationListItem(
    string ConversationId,
    ConversationKind Kind,
    string Title,
    long MaxSeq,
    long ReadSeq,
    long UnreadCount,
    int MemberCount,
    bool Dissolved,
    int MentionCount,
    long LastMentionSeq);

/// <summary>The answer of <c>markRead</c>: where the member's read position now is.</summary>
public sealed record ReadPosition(string ConversationId, long ReadSeq);

/// <summary>The <c>typing</c> event: a member is typing in a conversation. Ephemeral: never stored.</summary>
public sealed record TypingEvent(string ConversationId, string MemberId);

public sealed record GetNotificationsRequest(DateTimeOffset? AfterCreatedAt, int? Limit);

public sealed record MarkNotificationsReadRequest(IReadOnlyList<string> Ids);

/// <summary>The answer of <c>markNotificationsRead</c>.</summary>
public sealed record UnreadNotifications(int UnreadCount);

public sealed record RegisterDeviceRequest(string Token, DevicePlatform Platform);

public sealed record UnregisterDeviceRequest(string Token);

public sealed record MuteConversationRequest(string ConversationId, bool Muted);

public sealed record SearchMessagesRequest(string Query, string? ConversationId, int? Limit);

/// <summary>The answer of <c>searchMessages</c>: newest first.</summary>
public sealed record SearchMessagesResult(IReadOnlyList<Im.Domain.Search.SearchHit> Hits);
