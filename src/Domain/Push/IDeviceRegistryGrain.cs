using Im.Actors;

namespace Im.Domain.Push;

/// <summary>
/// One member's push devices and muted conversations, keyed by member id.
/// </summary>
/// <remarks>
/// <para>Who may call: the edge for the authenticated member, and the push dispatcher (to
/// remove tokens the provider reports as unregistered); the grain trusts its callers.</para>
/// <para>Every change is durable before the call returns and is idempotent: registering a
/// held token again (same or new platform) keeps one entry, and removing or unmuting what is
/// absent changes nothing. A member holds at most <see cref="DeviceRegistryGrain.MaxDevices"/>
/// tokens; registering one more drops the oldest, since apps rotate tokens without always
/// unregistering the old one.</para>
/// </remarks>
public interface IDeviceRegistryGrain : IGrain
{
    Task<IReadOnlyList<Device>> RegisterAsync(string token, DevicePlatform platform);

    /// <summary>Removes a token; returns whether it was held.</summary>
    Task<bool> UnregisterAsync(string token);

    /// <summary>Mutes (no push for its messages) or unmutes a conversation for this member.</summary>
    Task SetMutedAsync(string conversationId, bool muted);

    Task<PushProfile> GetAsync();
}
