using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Im.Edge.Push;
using Im.Testing;
using Im.Testing.SignalR;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Im.Edge.Tests.Push;

/// <summary>
/// The whole system on a Kestrel port with push enabled, talking to a <see cref="FakeFcmServer"/>.
/// </summary>
public sealed class PushServer : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"im-push-{Guid.NewGuid():N}");
    private EdgeHost? _host;

    public FakeFcmServer Fcm { get; private set; } = null!;

    public HttpClient Http { get; } = new();

    public IServiceProvider Services => _host!.Services;

    public async ValueTask InitializeAsync()
    {
        Fcm = await FakeFcmServer.StartAsync();
        var settings = StorageSettings.Sqlite(_dataDirectory);
        settings["Auth:SigningKey"] = "test-signing-key-of-at-least-32-bytes-for-hs256";
        settings["Auth:DevTokenEndpoint"] = "true";
        settings["Push:Fcm:Enabled"] = "true";
        settings["Push:Fcm:ProjectId"] = FakeFcmServer.ProjectId;
        settings["Push:Fcm:ServiceAccountJson"] = Fcm.ServiceAccountJson;
        settings["Push:Fcm:Endpoint"] = Fcm.BaseAddress.ToString();
        settings["Push:Fcm:RetryBaseDelay"] = "00:00:00.020";
        settings["Push:Fcm:MaxRetries"] = "3";
        _host = new EdgeHost(settings);
        _host.UseKestrel(0);
        _host.StartServer();
        var address = _host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http.BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
    }

    public async Task<string> TokenAsync(string memberId)
    {
        using var response = await Http.PostAsJsonAsync("/api/dev/token", new { memberId, displayName = memberId, orgId = "org-1", roles = new[] { "member" } });
        response.EnsureSuccessStatusCode();
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!;
    }

    public async Task<HubClient> ConnectAsync(string memberId) =>
        await HubClient.ConnectAsync(new Uri($"ws://{Http.BaseAddress!.Authority}/hubs/im"), await TokenAsync(memberId));

    /// <summary>Connects, registers a device (bound to that connection), and returns the open connection.</summary>
    public async Task<HubClient> ConnectWithDeviceAsync(string memberId, string deviceToken)
    {
        var client = await ConnectAsync(memberId);
        await client.InvokeAsync("registerDevice", new { token = deviceToken, platform = "android" });
        return client;
    }

    /// <summary>Registers a device, then closes the connection and waits until the edge has unbound the device.</summary>
    public async Task RegisterOfflineDeviceAsync(string memberId, string deviceToken)
    {
        await (await ConnectWithDeviceAsync(memberId, deviceToken)).DisposeAsync();
        var bindings = Services.GetRequiredService<DeviceBindings>();
        await bindings.WhenNotLiveAsync(memberId, deviceToken).DefaultTimeout();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await Fcm.DisposeAsync();
        if (Directory.Exists(_dataDirectory))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
