namespace Im.Domain.Push;

/// <summary>Presence of a process that hosts no edge: it holds no connections, so no device is live.</summary>
public sealed class SiloOnlyDevicePresence : IDevicePresence
{
    public bool IsLive(string memberId, string token) => false;
}
