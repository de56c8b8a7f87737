namespace Im.Domain.Push;

/// <summary>What push needs to know about a member: the devices and the muted conversations.</summary>
public sealed record PushProfile(IReadOnlyList<Device> Devices, IReadOnlyList<string> MutedConversationIds)
{
    public static PushProfile Empty { get; } = new([], []);
}
