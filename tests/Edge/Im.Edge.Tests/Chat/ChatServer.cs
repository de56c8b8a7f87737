using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Im.Testing.SignalR;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Im.Edge.Tests.Chat;

/// <summary>
/// The whole system on a real Kestrel port on 127.0.0.1, shared by a test class: members
/// get tokens from the dev endpoint and connect over real WebSockets.
/// </summary>
public sealed class ChatServer : IAsyncLifetime
{
    public const string SigningKey = "test-signing-key-of-at-least-32-bytes-for-hs256";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"im-chat-{Guid.NewGuid():N}");
    private readonly IReadOnlyDictionary<string, string?> _extraSettings;
    private EdgeHost? _host;

    public ChatServer()
        : this(new Dictionary<string, string?>())
    {
    }

    /// <summary>A server with settings on top of the defaults (limits, review), for a fixture that wraps it.</summary>
    internal ChatServer(IReadOnlyDictionary<string, string?> extraSettings)
    {
        _extraSettings = extraSettings;
    }

    /// <summary>The word list directory the server watches (the default, under its data directory).</summary>
    public string WordListDirectory => Path.Combine(_dataDirectory, "wordlists");

    /// <summary>Where uploaded files' bytes go (the default, under its data directory).</summary>
    public string FilesDirectory => Path.Combine(_dataDirectory, "files");

    public Uri BaseAddress { get; private set; } = null!;

    public Uri HubUrl => new($"ws://{BaseAddress.Authority}/hubs/im");

    public HttpClient Http { get; } = new();

    public IServiceProvider Services => _host!.Services;

    public ValueTask InitializeAsync()
    {
        var settings = StorageSettings.Sqlite(_dataDirectory);
        settings["Auth:SigningKey"] = SigningKey;
        settings["Auth:DevTokenEndpoint"] = "true";

        // Groups of 16 connections and more fan out in parallel shards here, so the group tests
        // (a group of 200 gets every message once, in order) cover the sharded path.
        settings["Hubs:FanOutShardSize"] = "8";

        // Hall tests read every queue count in order; the throttle has tests of its own.
        settings["Hall:ScreenStatsInterval"] = "00:00:00";
        foreach (var (key, value) in _extraSettings)
        {
            settings[key] = value;
        }

        _host = new EdgeHost(settings);
        _host.UseKestrel(0);
        _host.StartServer();
        var address = _host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        Http.BaseAddress = BaseAddress;
        return ValueTask.CompletedTask;
    }

    public async Task<string> TokenAsync(string memberId, params string[] roles)
    {
        using var response = await Http.PostAsJsonAsync("/api/dev/token", new { memberId, displayName = memberId, orgId = "org-1", roles });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return (string)body!["accessToken"]!;
    }

    public async Task<HubClient> ConnectAsync(string memberId) =>
        await HubClient.ConnectAsync(HubUrl, await TokenAsync(memberId));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (Directory.Exists(_dataDirectory))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
