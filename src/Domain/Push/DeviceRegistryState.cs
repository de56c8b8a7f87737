namespace Im.Domain.Push;

/// <summary>Stored state of <see cref="DeviceRegistryGrain"/>.</summary>
public sealed class DeviceRegistryState
{
    /// <summary>Oldest registration first, so the oldest goes when a member exceeds the limit.</summary>
    public List<Device> Devices { get; set; } = [];

    public List<string> MutedConversationIds { get; set; } = [];
}
