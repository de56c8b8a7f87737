using System.Text;
using Im.Actors;
using Im.Domain.Errors;

namespace Im.Domain.Push;

[GrainType("device-registry")]
public sealed class DeviceRegistryGrain(IPushDispatcher push) : Grain<DeviceRegistryState>, IDeviceRegistryGrain
{
    public const int MaxDevices = 10;

    /// <summary>FCM tokens are far shorter; the bound keeps a member's state small.</summary>
    public const int MaxTokenBytes = 4096;

    /// <summary>Enough for every conversation a member is likely to silence; more is refused.</summary>
    public const int MaxMuted = 1000;

    private const int MaxConversationIdLength = 256;

    public async Task<IReadOnlyList<Device>> RegisterAsync(string token, DevicePlatform platform)
    {
        CheckToken(token);
        if (!Enum.IsDefined(platform))
        {
            throw new DomainException(ErrorCodes.Invalid, "platform must be android, ios or web");
        }

        var held = State.Devices.FindIndex(d => d.Token == token);
        if (held >= 0 && State.Devices[held].Platform == platform)
        {
            return State.Devices;
        }

        if (held >= 0)
        {
            State.Devices[held] = State.Devices[held] with { Platform = platform };
        }
        else
        {
            State.Devices.Add(new Device(token, platform, TimeProvider.GetUtcNow()));
            if (State.Devices.Count > MaxDevices)
            {
                State.Devices.RemoveRange(0, State.Devices.Count - MaxDevices);
            }
        }

        await SaveAsync();
        return State.Devices;
    }

    public async Task<bool> UnregisterAsync(string token)
    {
        CheckToken(token);
        if (State.Devices.RemoveAll(d => d.Token == token) == 0)
        {
            return false;
        }

        await SaveAsync();
        return true;
    }

    public async Task SetMutedAsync(string conversationId, bool muted)
    {
        if (string.IsNullOrEmpty(conversationId) || conversationId.Length > MaxConversationIdLength)
        {
            throw new DomainException(ErrorCodes.Invalid, $"conversationId must be 1..{MaxConversationIdLength} characters");
        }

        var isMuted = State.MutedConversationIds.Contains(conversationId, StringComparer.Ordinal);
        if (isMuted == muted)
        {
            return;
        }

        if (muted && State.MutedConversationIds.Count >= MaxMuted)
        {
            throw new DomainException(ErrorCodes.Full, $"at most {MaxMuted} conversations can be muted");
        }

        if (muted)
        {
            State.MutedConversationIds.Add(conversationId);
        }
        else
        {
            State.MutedConversationIds.Remove(conversationId);
        }

        await SaveAsync();
    }

    public Task<PushProfile> GetAsync() =>
        Task.FromResult(new PushProfile([.. State.Devices], [.. State.MutedConversationIds]));

    private async Task SaveAsync()
    {
        try
        {
            await WriteStateAsync();
        }
        catch
        {
            // Memory holds a change storage may not; the next activation rereads.
            DeactivateOnIdle();
            throw;
        }
        finally
        {
            // Also after a failure: the dispatcher rereads rather than trust either version.
            push.Forget(GrainKey);
        }
    }

    private static void CheckToken(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || Encoding.UTF8.GetByteCount(token) > MaxTokenBytes)
        {
            throw new DomainException(ErrorCodes.Invalid, $"token must be 1..{MaxTokenBytes} bytes");
        }
    }
}
