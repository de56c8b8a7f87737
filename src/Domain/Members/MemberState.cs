namespace Im.Domain.Members;

/// <summary>Stored state of <see cref="MemberGrain"/>; null profile until the member is created.</summary>
public sealed class MemberState
{
    public MemberProfile? Profile { get; set; }
}
