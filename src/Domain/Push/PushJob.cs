namespace Im.Domain.Push;

/// <summary>
/// One event to push to members' offline devices: a message (with its conversation, so
/// mutes apply, and its sender, who is never pushed) or a notification (no conversation).
/// </summary>
public sealed record PushJob(
    IReadOnlyCollection<string> MemberIds,
    string? ConversationId,
    string? SenderId,
    PushContent Content);
