using Im.Edge.Tests.Chat;

namespace Im.Edge.Tests.Files;

/// <summary>A <see cref="ChatServer"/> whose upload limit is small enough to exceed cheaply.</summary>
public sealed class FileServer : IAsyncLifetime
{
    public const int MaxBytes = 64 * 1024;

    public ChatServer Server { get; } = new(new Dictionary<string, string?>
    {
        ["Files:MaxBytes"] = $"{MaxBytes}",
    });

    public ValueTask InitializeAsync() => Server.InitializeAsync();

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
