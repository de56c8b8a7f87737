using Im.Actors;

namespace Im.Domain.Presence;

/// <summary>
/// A member's presence, keyed by member id: online while any edge reports at least one open
/// connection of the member, else offline with the time the last one closed.
/// </summary>
/// <remarks>
/// Who may call: edges, after authenticating the connection. Reports carry a per-edge
/// version; an older report than one already applied is ignored, so reports that overtake
/// each other cannot leave a stale count. The status changes only when the first connection
/// opens or the last closes; each change is pushed once, best effort, to the member's
/// contacts (<see cref="PresenceAudience"/>). Counts live in memory (an edge restart
/// reconnects its clients); lastSeen is durable when the member goes offline.
/// </remarks>
public interface IPresenceGrain : IGrain
{
    /// <summary>Records that <paramref name="edgeId"/> now holds <paramref name="connections"/> connections of the member.</summary>
    Task ReportAsync(string edgeId, int connections, long version);

    Task<MemberPresence> GetAsync();
}
