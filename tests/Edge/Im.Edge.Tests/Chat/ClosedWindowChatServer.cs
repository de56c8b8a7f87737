namespace Im.Edge.Tests.Chat;

/// <summary>A <see cref="ChatServer"/> whose recall and edit windows close as soon as a message is sent.</summary>
public sealed class ClosedWindowChatServer : IAsyncLifetime
{
    public ChatServer Server { get; } = new(new Dictionary<string, string?>
    {
        ["Chat:RecallWindow"] = "00:00:00",
        ["Chat:EditWindow"] = "00:00:00",
    });

    public ValueTask InitializeAsync() => Server.InitializeAsync();

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
