namespace Im.Domain.Chat;

/// <summary>One member's entry in <see cref="ConversationState.Members"/>.</summary>
public sealed class ConversationMemberState
{
    public MemberRole Role { get; set; }

    /// <summary>Lower joined earlier; decides who inherits a group whose owner leaves.</summary>
    public long JoinOrder { get; set; }
}
