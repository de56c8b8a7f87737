using Im.Actors;
using Im.Domain.Chat;

namespace Im.Domain.Members;

/// <summary>
/// One union member, keyed by member id: the profile every other part of the platform
/// reads (display name, organization, roles) and whether the member may sign in.
/// </summary>
/// <remarks>
/// Who may call: the edge, after authenticating the caller; the grain trusts its callers.
/// Every change is durable before the call returns. <see cref="EnsureAsync"/> is
/// idempotent: repeating it with the same profile changes nothing.
/// </remarks>
public interface IMemberGrain : IGrain
{
    /// <summary>Creates the member, or updates the profile fields that differ; returns the stored profile.</summary>
    Task<MemberProfile> EnsureAsync(MemberProfile profile);

    /// <summary>The profile, or null when the member was never created.</summary>
    Task<MemberProfile?> GetAsync();

    /// <summary>Disables or re-enables sign-in.</summary>
    Task<MemberProfile> SetDisabledAsync(bool disabled);

    /// <summary>The member's conversations with read positions.</summary>
    Task<IReadOnlyList<MemberConversation>> GetConversationsAsync();

    /// <summary>Called by a conversation when the member joins it; idempotent.</summary>
    Task JoinedAsync(string conversationId);

    /// <summary>Called by a conversation when the member leaves or is removed; idempotent.</summary>
    Task LeftAsync(string conversationId);

    /// <summary>
    /// Moves the read position forward (never back) and says whether it moved; not_member when
    /// the member is not in it. The member's positions are the only stored ones: conversations
    /// ask for them (<see cref="GetReadSeqAsync"/>) rather than keep copies.
    /// </summary>
    Task<ReadMove> MarkReadAsync(string conversationId, long seq);

    /// <summary>The read position in the conversation; 0 when the member is not in it.</summary>
    Task<long> GetReadSeqAsync(string conversationId);
}
