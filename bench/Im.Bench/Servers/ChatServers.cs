using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Im.Bench.Servers;

/// <summary>
/// Starts the two servers of the chat scenarios, each on a free 127.0.0.1 port, with data
/// and logs under one temporary directory that is removed when this is disposed.
/// </summary>
public sealed class ChatServers : IDisposable
{
    public const string BareHubPath = "/hubs/bare";
    public const string ImHubPath = "/hubs/im";

    // Fixed so that tokens issued by one Im process are accepted by the next on the same data.
    private const string SigningKey = "im-bench-signing-key-0123456789abcdef";

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("im-bench-chat-");
    private int _started;

    public static string BareHubAssembly => Metadata("BareHubAssembly");

    public static string ImAssembly => Metadata("ImEdgeAssembly");

    /// <summary>The WebSocket URL of a hub, with a bearer token in the query as browsers send it.</summary>
    public static Uri HubUrl(ServerProcess server, string path, string? accessToken = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        var url = new UriBuilder(new Uri(server.BaseUrl, path)) { Scheme = "ws" };
        if (accessToken is not null)
        {
            url.Query = $"access_token={Uri.EscapeDataString(accessToken)}";
        }

        return url.Uri;
    }

    /// <summary>A fresh, empty data directory for an Im server.</summary>
    public string NewDataDirectory() => Directory.CreateDirectory(Path.Combine(_root.FullName, $"data-{Interlocked.Increment(ref _started)}")).FullName;

    public Task<ServerProcess> StartBareHubAsync(CancellationToken cancellationToken)
    {
        var baseUrl = FreeLoopbackUrl();
        return ServerProcess.StartAsync("bare hub", BareHubAssembly, [$"--Urls={baseUrl}", $"--Bench:DataDirectory={NewDataDirectory()}"], baseUrl, "/health", NewLogPath("bare"), cancellationToken);
    }

    /// <summary>
    /// Settings that lift Im's per-member and per-connection rate limits far above any bench
    /// load, for scenarios that measure the work behind a call rather than its throttle.
    /// </summary>
    public static IReadOnlyList<string> UnthrottledLimits { get; } =
    [
        .. new[] { "Send", "Join", "Typing" }.SelectMany(action => new[] { "Member", "Connection" }.SelectMany(scope => new[]
        {
            $"--Limits:{action}:{scope}:PermitsPerPeriod=100000",
            $"--Limits:{action}:{scope}:Burst=100000",
        })),
    ];

    /// <summary>
    /// Im as it ships (embedded profile: silo and edge in one process, SQLite), with the
    /// development token endpoint on and any <paramref name="settings"/> added to its command line.
    /// </summary>
    public Task<ServerProcess> StartImAsync(string dataDirectory, CancellationToken cancellationToken, IReadOnlyList<string>? settings = null)
    {
        var baseUrl = FreeLoopbackUrl();
        string[] arguments =
        [
            $"--Urls={baseUrl}",
            $"--Storage:DataDirectory={dataDirectory}",
            "--Auth:DevTokenEndpoint=true",
            $"--Auth:SigningKey={SigningKey}",
            .. settings ?? [],
        ];
        return ServerProcess.StartAsync("Im", ImAssembly, arguments, baseUrl, "/health", NewLogPath("im"), cancellationToken);
    }

    public void Dispose()
    {
        try
        {
            _root.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A server still closing its files; the directory is under /tmp.
        }
    }

    private string NewLogPath(string name) => Path.Combine(_root.FullName, $"{name}-{Interlocked.Increment(ref _started)}.log");

    private static Uri FreeLoopbackUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
    }

    private static string Metadata(string key) =>
        typeof(ChatServers).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
            ?? throw new InvalidOperationException($"the bench was built without the {key} path");
}
