namespace Im.Domain.Chat;

/// <summary>What a member sees of a conversation in lists.</summary>
public sealed record ConversationInfo(
    string ConversationId,
    ConversationKind Kind,
    string Title,
    long MaxSeq,
    int MemberCount,
    bool Dissolved);
