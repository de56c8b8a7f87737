namespace Im.Domain.Chat;

/// <summary>One member's entry in <see cref="ConversationState.Members"/>.</summary>
public sealed class ConversationMemberState
{
    public MemberRole Role { get; set; }

    /// <summary>Lower joined earlier; decides who inherits a group whose owner leaves.</summary>
    public long JoinOrder { get; set; }

    /// <summary>
    /// How far the member has read, as last reported through <c>MarkReadAsync</c>; kept for
    /// direct conversations and groups (read receipts), always 0 in rooms.
    /// </summary>
    public long ReadSeq { get; set; }
}
