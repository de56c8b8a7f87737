namespace Im.Domain.Presence;

/// <summary>Stored state of <see cref="PresenceGrain"/>.</summary>
/// <remarks>
/// Written when an edge's count of the member goes from 0 to some or back, never on a
/// second device: edges report absolute counts, so a later report corrects a stored count
/// that missed the devices in between. Stored at all so that an idle deactivation does not
/// forget that the member is online.
/// </remarks>
public sealed class PresenceState
{
    public DateTimeOffset? LastSeen { get; set; }

    /// <summary>Edge id -> its latest report, as of the last write.</summary>
    public Dictionary<string, EdgeReport> Edges { get; set; } = new(StringComparer.Ordinal);
}
