namespace Im.Edge.Tests.Auth;

/// <summary>
/// One host for the authentication tests of a class: SQLite in a temporary directory, a fixed
/// signing key the tests also know, the development token endpoint on, and one extra allowed
/// origin besides the embedded profile's two. Tests use member ids of their own.
/// </summary>
public sealed class AuthHostFixture : IAsyncDisposable
{
    public const string ExtraOrigin = "https://app.example.org";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"im-auth-{Guid.NewGuid():N}");

    public AuthHostFixture()
    {
        var settings = AuthSettings.For(_dataDirectory, Key);
        settings["Auth:AllowedOrigins:2"] = ExtraOrigin;
        Host = new EdgeHost(settings);
        Client = Host.CreateClient();
    }

    public byte[] Key { get; } = AuthSettings.NewKey();

    internal EdgeHost Host { get; }

    public HttpClient Client { get; }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
