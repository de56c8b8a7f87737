namespace Im.Domain.Chat;

/// <summary>Mention ids with a meaning of their own, never a member's id.</summary>
public static class MentionIds
{
    /// <summary>
    /// <c>@all</c>: every member of the conversation. Only owners and admins may send it,
    /// since it reaches everyone's unread mentions at once.
    /// </summary>
    public const string All = "all";
}
