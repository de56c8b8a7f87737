using Im.Domain.Presence;
using Microsoft.AspNetCore.SignalR;

namespace Im.Edge.Chat;

public sealed partial class ImHub
{
    /// <summary>How many members one <c>getPresence</c> may ask about.</summary>
    private const int MaxPresenceIds = 200;

    /// <summary>
    /// The presence of the listed members the caller shares a direct conversation or a small
    /// group with (and of the caller). Others are left out rather than refused, so the answer
    /// tells a stranger apart from an unknown id no better than silence would.
    /// </summary>
    public async Task<IReadOnlyList<MemberPresence>> GetPresence(GetPresenceRequest request)
    {
        Require(request, nameof(request));
        var asked = (request.MemberIds ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (asked.Count > MaxPresenceIds)
        {
            throw new HubException($"invalid: at most {MaxPresenceIds} member ids");
        }

        var contacts = await PresenceAudience.ContactsOfAsync(grains, MemberId);
        var allowed = asked.Where(id => id == MemberId || contacts.Contains(id));
        return await Task.WhenAll(allowed.Select(id => grains.GetGrain<IPresenceGrain>(id).GetAsync()));
    }

    // Every connect and disconnect reports the member's absolute count on this edge; the
    // presence grain changes status only on the first and the last, and drops stale reports.
    private Task ReportPresenceAsync()
    {
        var (count, version) = connections.Count(MemberId);
        return grains.GetGrain<IPresenceGrain>(MemberId).ReportAsync(edge.EdgeId, count, version);
    }
}
