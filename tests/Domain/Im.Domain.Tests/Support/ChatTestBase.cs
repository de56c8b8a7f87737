namespace Im.Domain.Tests.Support;

/// <summary>
/// A test class with its own chat runtime over a fresh SQLite file, started before each
/// test and stopped, file removed, after it. Override <see cref="StartHostAsync"/> to set
/// options; tests that simulate a restart replace <see cref="Host"/>.
/// </summary>
public abstract class ChatTestBase : IAsyncLifetime
{
    protected ChatStore Store { get; } = ChatStore.Sqlite();

    protected ChatHost Host { get; set; } = null!;

    public async ValueTask InitializeAsync() => Host = await StartHostAsync();

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Store.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected virtual Task<ChatHost> StartHostAsync() => ChatHost.StartAsync(Store);
}
