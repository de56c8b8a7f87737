using Im.Actors;

namespace Im.Domain.Chat;

/// <summary>
/// One conversation (direct, group or room), keyed by conversation id. It owns the member
/// list and roles, assigns seqs and appends messages to history.
/// </summary>
/// <remarks>
/// Every call names the acting member and is authorized against this conversation's own
/// membership; refusals throw <see cref="Errors.DomainException"/> and change nothing.
/// Seqs are gapless and strictly increasing. A send is acknowledged only after the
/// history append is durable, and is idempotent by (conversation, clientMsgId), also
/// across restarts. The only durable write per message is the history append.
/// </remarks>
public interface IConversationGrain : IGrain
{
    /// <summary>Creates the direct conversation of a pair, or returns it. Key: <see cref="ConversationIds.Direct"/>.</summary>
    Task<ConversationInfo> OpenDirectAsync(string memberA, string memberB);

    /// <summary>Creates a group owned by <paramref name="ownerId"/>; a retry by the same owner returns it.</summary>
    Task<ConversationInfo> CreateGroupAsync(string ownerId, string title, IReadOnlyList<string> memberIds);

    Task<ConversationInfo> CreateRoomAsync(string creatorId, string title);

    /// <summary>Joins an open room.</summary>
    Task<ConversationInfo> JoinAsync(string memberId);

    Task LeaveAsync(string memberId);

    /// <summary>Owners and admins add members to a group.</summary>
    Task<ConversationInfo> AddMembersAsync(string actorId, IReadOnlyList<string> memberIds);

    /// <summary>Owners remove anyone but themselves, admins remove plain members.</summary>
    Task RemoveMemberAsync(string actorId, string memberId);

    /// <summary>The owner makes members admins or plain members.</summary>
    Task SetRoleAsync(string actorId, string memberId, MemberRole role);

    Task<ConversationInfo> RenameAsync(string actorId, string title);

    /// <summary>The owner dissolves a group: no more messages or members; history stays readable.</summary>
    Task DissolveAsync(string actorId);

    Task<SendReceipt> SendAsync(SendMessageCommand command);

    Task<HistoryPage> GetHistoryAsync(string memberId, HistoryQuery query);

    /// <summary>
    /// Recalls message <paramref name="seq"/>: the sender within the recall window, owners
    /// and admins at any time. It keeps its seq as a tombstone; repeating is harmless.
    /// </summary>
    Task<MessageRecall> RecallAsync(string actorId, long seq);

    /// <summary>The sender replaces a message's text within the edit window; it keeps its seq and gets the next edit version.</summary>
    Task<ChatMessage> EditAsync(EditMessageCommand command);

    /// <summary>The member's unread mentions after <paramref name="readSeq"/>; read from history, nothing stored per message.</summary>
    Task<MentionSummary> GetMentionsAsync(string memberId, long readSeq);

    Task<ConversationInfo> GetInfoAsync(string memberId);

    Task<IReadOnlyList<ConversationMember>> GetMembersAsync(string memberId);

    /// <summary>
    /// Moves the member's read position forward (clamped to the newest seq, never back) in the
    /// member's own list and, outside rooms, here. Durable before it returns. When it moved,
    /// one <see cref="ReadReceipt"/> goes to every edge, in this conversation's push order.
    /// Repeating it is safe and repairs a position a failed call left behind.
    /// </summary>
    Task<long> MarkReadAsync(string memberId, long seq);

    /// <summary>Who of the members has read up to a seq and who has not, paged by member id; direct and groups only.</summary>
    Task<ReadByPage> GetReadByAsync(string memberId, ReadByQuery query);

    /// <summary>
    /// The other members who see <paramref name="memberId"/>'s presence through this
    /// conversation: the peer of a direct conversation, the members of a group of at most
    /// <see cref="ChatOptions.PresenceGroupLimit"/>; nobody for rooms, larger groups or non-members.
    /// </summary>
    Task<IReadOnlyList<string>> GetPresenceAudienceAsync(string memberId);
}
