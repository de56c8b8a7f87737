using Im.Actors;
using Im.Domain.Chat;

namespace Im.Domain.Presence;

/// <summary>
/// Presence of one member, in its own grain rather than the member grain: connection counts
/// change on every connect and disconnect, and keeping them apart keeps those calls off the
/// member grain that every conversation and the sign-in path call.
/// </summary>
[GrainType("presence")]
public sealed class PresenceGrain(IEdgeDirectory edges) : Grain<PresenceState>, IPresenceGrain
{
    private static readonly TimeSpan EdgePushTimeout = TimeSpan.FromSeconds(5);

    // Enumerates the dictionary itself: its Keys and Values views are kept once asked for,
    // 48 bytes for every member online.
    private bool IsOnline => State.Edges.Any(edge => edge.Value.Connections > 0);

    /// <summary>
    /// Forgets reports of edges that are no longer live (a node that stopped without telling):
    /// their connections closed with them. lastSeen is then the activation time, an upper bound.
    /// </summary>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var wasOnline = IsOnline;
        var live = edges.Edges.Select(e => e.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in State.Edges.Select(edge => edge.Key).Where(id => !live.Contains(id)).ToList())
        {
            State.Edges.Remove(gone);
        }

        if (wasOnline && !IsOnline)
        {
            State.LastSeen = TimeProvider.GetUtcNow();
        }

        return Task.CompletedTask;
    }

    public async Task ReportAsync(string edgeId, int connections, long version)
    {
        ArgumentException.ThrowIfNullOrEmpty(edgeId);
        var known = State.Edges.GetValueOrDefault(edgeId);
        if (known is not null && known.Version >= version)
        {
            return;
        }

        var wasOnline = IsOnline;
        var report = new EdgeReport(Math.Max(0, connections), version);
        State.Edges[edgeId] = report;
        var online = IsOnline;
        if (!online && wasOnline)
        {
            State.LastSeen = TimeProvider.GetUtcNow();
        }

        // Count 0 stays listed, so its version still rejects an older report that arrives late.
        if ((known?.Connections > 0) != (report.Connections > 0))
        {
            await WriteStateAsync();
        }

        if (online != wasOnline)
        {
            await PublishAsync(Current);
        }
    }

    public Task<MemberPresence> GetAsync() => Task.FromResult(Current);

    private MemberPresence Current =>
        IsOnline
            ? new MemberPresence(GrainKey, PresenceStatus.Online, null)
            : new MemberPresence(GrainKey, PresenceStatus.Offline, State.LastSeen);

    /// <summary>One push per edge with the watcher list; each edge writes once to each local connection of a watcher.</summary>
    private async Task PublishAsync(MemberPresence presence)
    {
        var watchers = await PresenceAudience.ContactsOfAsync(GrainFactory, GrainKey);
        if (watchers.Count == 0)
        {
            return;
        }

        IReadOnlyList<string> watcherIds = [.. watchers];
        foreach (var edge in edges.Edges)
        {
            try
            {
                await GrainFactory.GetObserver<IPresenceEdgeObserver>(edge)
                    .OnPresenceAsync(presence, watcherIds)
                    .WaitAsync(EdgePushTimeout, TimeProvider);
            }
            catch (Exception)
            {
                // Best effort by contract: watchers ask getPresence after reconnecting.
            }
        }
    }
}
