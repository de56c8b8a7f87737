namespace Im.Domain.Chat;

/// <summary>One entry of a member's conversation list, with how far the member has read.</summary>
public sealed record MemberConversation(string ConversationId, long ReadSeq);
