namespace Im.Domain.Chat;

/// <summary>
/// Stored state of <see cref="ConversationGrain"/>: kind, title, owner and members.
/// </summary>
/// <remarks>
/// Written on membership, role, title and dissolve changes, and on a markRead that moves a
/// member's read position in a direct conversation or group; never per message:
/// messages live in the history store, and the highest seq is read from there on activation.
/// </remarks>
public sealed class ConversationState
{
    public ConversationKind Kind { get; set; }

    /// <summary>Empty for direct conversations: each side sees the other's id instead.</summary>
    public string Title { get; set; } = string.Empty;

    /// <summary>Who created it: a retried create by this member returns the conversation.</summary>
    public string? CreatorId { get; set; }

    /// <summary>The group's current owner (ownership moves when the owner leaves); a room's creator; null for direct.</summary>
    public string? OwnerId { get; set; }

    /// <summary>Member id -> role and join order.</summary>
    public Dictionary<string, ConversationMemberState> Members { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The last join order handed out, so "longest-standing" survives restarts and leaves.</summary>
    public long LastJoinOrder { get; set; }

    /// <summary>Null until the conversation is created.</summary>
    public DateTimeOffset? CreatedAt { get; set; }

    public bool Dissolved { get; set; }
}
