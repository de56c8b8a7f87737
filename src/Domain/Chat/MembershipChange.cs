namespace Im.Domain.Chat;

/// <summary>Who joined or left a conversation; edges move those members' connections in or out.</summary>
public sealed record MembershipChange(
    string ConversationId,
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Removed,
    bool Dissolved = false);
