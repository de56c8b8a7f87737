namespace Im.Domain.Chat;

/// <summary>
/// A member's unread mentions in one conversation: messages after their read position that
/// mention them or <c>@all</c>. <see cref="LastSeq"/> is the newest of them, 0 when none.
/// </summary>
public sealed record MentionSummary(int Count, long LastSeq)
{
    public static MentionSummary None { get; } = new(0, 0);
}
