using System.Net;
using static Im.Edge.Tests.Auth.AuthClient;

namespace Im.Edge.Tests.Auth;

public sealed class StartUpTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"im-auth-{Guid.NewGuid():N}");

    [Fact]
    public async Task AGeneratedKeyIsKeptPrivateAndTokensSurviveARestart()
    {
        var settings = AuthSettings.For(_dataDirectory, signingKey: null);
        string token;
        await using (var first = new EdgeHost(settings))
        {
            using var client = first.CreateClient();
            token = await DevTokenAsync(client, "key-ivan");
        }

        await using var second = new EdgeHost(settings);
        using var again = second.CreateClient();
        using var response = await GetMeAsync(again, token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var keyFile = Path.Combine(_dataDirectory, "auth-signing.key");
        Assert.True(File.Exists(keyFile));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }
    }

    [Fact]
    public async Task AConfiguredKeyIsUsedAndNoKeyFileIsWritten()
    {
        var key = AuthSettings.NewKey();
        await using var host = new EdgeHost(AuthSettings.For(_dataDirectory, key));
        using var client = host.CreateClient();
        await DevTokenAsync(client, "key-judy");

        using var response = await GetMeAsync(client, Mint(key, "key-judy"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(File.Exists(Path.Combine(_dataDirectory, "auth-signing.key")));
    }

    [Fact]
    public async Task StartUpFailsWithoutAKeyWhenTheDevEndpointIsOff()
    {
        var error = await StartAsync(AuthSettings.For(_dataDirectory, signingKey: null, devTokenEndpoint: false));

        Assert.Contains("Auth:SigningKey is required", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dataDirectory) && File.Exists(Path.Combine(_dataDirectory, "auth-signing.key")));
    }

    [Theory]
    [InlineData("short-plain-text-key")]
    [InlineData("c2hvcnQ=")]
    public async Task StartUpFailsWithAKeyShorterThan32Bytes(string key)
    {
        var settings = AuthSettings.For(_dataDirectory, signingKey: null);
        settings["Auth:SigningKey"] = key;

        var error = await StartAsync(settings);

        Assert.Contains("at least 32 are required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartUpFailsWithAnAllowedOriginThatIsNotAnOrigin()
    {
        var settings = AuthSettings.For(_dataDirectory, AuthSettings.NewKey());
        settings["Auth:AllowedOrigins:0"] = "https://app.example.org/chat";

        var error = await StartAsync(settings);

        Assert.Contains("Auth:AllowedOrigins holds 'https://app.example.org/chat'", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    // The host surfaces start-up failures when it is first used; the cause may come wrapped.
    private static async Task<Exception> StartAsync(Dictionary<string, string?> settings)
    {
        await using var host = new EdgeHost(settings);
        var error = Record.Exception(() => host.CreateClient());
        Assert.NotNull(error);
        while (error is not InvalidOperationException && error.InnerException is not null)
        {
            error = error.InnerException;
        }

        return error;
    }
}
