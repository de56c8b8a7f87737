namespace Im.Domain.Members;

/// <summary>Stored state of <see cref="MemberGrain"/>; null profile until the member is created.</summary>
public sealed class MemberState
{
    public MemberProfile? Profile { get; set; }

    /// <summary>Conversation id -> read seq. Written on join, leave and read, never per message.</summary>
    public Dictionary<string, long> Conversations { get; set; } = new(StringComparer.Ordinal);
}
