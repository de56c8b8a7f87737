using Im.Domain.Push;
using Im.Domain.Tests.Support;

namespace Im.Domain.Tests.Push;

public sealed class DeviceRegistryTests : ChatTestBase
{
    [Fact]
    public async Task RegisteringATokenAgainKeepsOneDeviceAndTakesTheNewPlatform()
    {
        var registry = Registry("ann");

        await registry.RegisterAsync("token-a", DevicePlatform.Android);
        await registry.RegisterAsync("token-a", DevicePlatform.Android);
        var devices = await registry.RegisterAsync("token-a", DevicePlatform.Web);

        var device = Assert.Single(devices);
        Assert.Equal(("token-a", DevicePlatform.Web), (device.Token, device.Platform));
    }

    [Fact]
    public async Task AMemberKeepsTheNewestTenDevices()
    {
        var registry = Registry("bob");
        for (var i = 0; i < DeviceRegistryGrain.MaxDevices + 2; i++)
        {
            await registry.RegisterAsync($"token-{i}", DevicePlatform.Ios);
        }

        var profile = await registry.GetAsync();
        Assert.Equal(Enumerable.Range(2, DeviceRegistryGrain.MaxDevices).Select(i => $"token-{i}"), profile.Devices.Select(d => d.Token));
    }

    [Fact]
    public async Task DevicesAndMutesAreDurableAndUnregisterIsIdempotent()
    {
        var member = $"cid-{Guid.NewGuid():N}";
        await Host.Factory.GetGrain<IDeviceRegistryGrain>(member).RegisterAsync("keep", DevicePlatform.Android);
        await Host.Factory.GetGrain<IDeviceRegistryGrain>(member).RegisterAsync("drop", DevicePlatform.Android);
        await Host.Factory.GetGrain<IDeviceRegistryGrain>(member).SetMutedAsync("g:noisy", muted: true);
        await Host.Factory.GetGrain<IDeviceRegistryGrain>(member).SetMutedAsync("g:quiet", muted: true);
        await Host.Factory.GetGrain<IDeviceRegistryGrain>(member).SetMutedAsync("g:quiet", muted: false);
        Assert.True(await Host.Factory.GetGrain<IDeviceRegistryGrain>(member).UnregisterAsync("drop"));
        Assert.False(await Host.Factory.GetGrain<IDeviceRegistryGrain>(member).UnregisterAsync("drop"));

        await Host.DisposeAsync();
        Host = await ChatHost.StartAsync(Store);
        var profile = await Host.Factory.GetGrain<IDeviceRegistryGrain>(member).GetAsync();

        Assert.Equal(["keep"], profile.Devices.Select(d => d.Token));
        Assert.Equal(["g:noisy"], profile.MutedConversationIds);
    }

    [Fact]
    public async Task BadTokensAndPlatformsAreRefused()
    {
        var registry = Registry("dan");

        await Refusal.ExpectAsync("invalid", () => registry.RegisterAsync("", DevicePlatform.Android));
        await Refusal.ExpectAsync("invalid", () => registry.RegisterAsync(new string('x', DeviceRegistryGrain.MaxTokenBytes + 1), DevicePlatform.Android));
        await Refusal.ExpectAsync("invalid", () => registry.RegisterAsync("token", (DevicePlatform)42));
        await Refusal.ExpectAsync("invalid", () => registry.SetMutedAsync("", muted: true));

        Assert.Empty((await registry.GetAsync()).Devices);
    }

    private IDeviceRegistryGrain Registry(string name) => Host.Factory.GetGrain<IDeviceRegistryGrain>($"{name}-{Guid.NewGuid():N}");
}
