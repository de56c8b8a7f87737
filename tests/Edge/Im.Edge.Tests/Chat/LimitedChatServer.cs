namespace Im.Edge.Tests.Chat;

/// <summary>
/// A <see cref="ChatServer"/> with tight limits whose buckets refill once an hour (so a
/// burst's outcome does not depend on how fast the test runs) and word lists in place
/// before it starts.
/// </summary>
public sealed class LimitedChatServer : IAsyncLifetime
{
    public const int SendConnectionBurst = 3;
    public const int SendMemberBurst = 5;
    public const int TypingConnectionBurst = 2;

    public ChatServer Server { get; } = new(new Dictionary<string, string?>
    {
        ["Limits:Send:Connection:PermitsPerPeriod"] = "1",
        ["Limits:Send:Connection:Period"] = "01:00:00",
        ["Limits:Send:Connection:Burst"] = $"{SendConnectionBurst}",
        ["Limits:Send:Member:PermitsPerPeriod"] = "1",
        ["Limits:Send:Member:Period"] = "01:00:00",
        ["Limits:Send:Member:Burst"] = $"{SendMemberBurst}",
        ["Limits:Typing:Connection:PermitsPerPeriod"] = "1",
        ["Limits:Typing:Connection:Period"] = "01:00:00",
        ["Limits:Typing:Connection:Burst"] = $"{TypingConnectionBurst}",
    });

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Server.WordListDirectory);
        await File.WriteAllTextAsync(Path.Combine(Server.WordListDirectory, "banned.block.txt"), "# refused outright\n禁词\n");
        await File.WriteAllTextAsync(Path.Combine(Server.WordListDirectory, "rude.mask.txt"), "darn\n混蛋\n");
        await Server.InitializeAsync();
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
