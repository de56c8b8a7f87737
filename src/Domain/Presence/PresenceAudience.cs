using Im.Actors;
using Im.Domain.Chat;
using Im.Domain.Members;

namespace Im.Domain.Presence;

/// <summary>
/// Who shares presence with a member: the peers of the member's direct conversations and the
/// members of the member's groups of at most <see cref="ChatOptions.PresenceGroupLimit"/>;
/// never rooms. Sharing is symmetric, so the same set answers "who is told" and "whom may I ask".
/// </summary>
public static class PresenceAudience
{
    /// <summary>
    /// One member-grain read plus one call per direct conversation or group of the member
    /// (rooms are skipped by their id, without a call). Computed when asked, not cached, so a
    /// membership change is seen at once; presence changes and getPresence calls are rare
    /// next to messages.
    /// </summary>
    public static async Task<IReadOnlySet<string>> ContactsOfAsync(IGrainFactory grains, string memberId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var conversations = await grains.GetGrain<IMemberGrain>(memberId).GetConversationsAsync();
        var shared = conversations
            .Select(c => c.ConversationId)
            .Where(id => ChatInput.KindOf(id) is ConversationKind.Direct or ConversationKind.Group);
        var audiences = await Task.WhenAll(shared.Select(id => grains.GetGrain<IConversationGrain>(id).GetPresenceAudienceAsync(memberId)));
        return audiences.SelectMany(a => a).ToHashSet(StringComparer.Ordinal);
    }
}
