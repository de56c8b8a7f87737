using Im.Actors;
using Im.Actors.Hosting;
using Im.Actors.Runtime;
using Im.Actors.Storage;
using Im.Domain.Chat;
using Im.Domain.History;
using Im.Domain.Members;
using Im.Domain.Review;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Im.Domain.Tests.Support;

/// <summary>
/// A started grain runtime hosting the domain grains over a <see cref="ChatStore"/>, with a
/// recording edge listed in its edge directory. Disposing it stops the runtime, as a
/// process shutdown would; the store's data stays for the next host.
/// </summary>
public sealed class ChatHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private ChatHost(ServiceProvider services)
    {
        _services = services;
        Runtime = services.GetRequiredService<GrainRuntime>();
        History = services.GetRequiredService<IMessageHistoryStore>();
        StateStore = services.GetRequiredService<IGrainStateStore>();
        Audit = services.GetRequiredService<IReviewAuditLog>();
        WordLists = services.GetRequiredService<WordListReloader>();
        Edges = services.GetRequiredService<IEdgeDirectory>();
        Edge = new RecordingEdge();
        EdgeId = Factory.CreateObserverReference<IChatEdgeObserver>(Edge);
        Edges.Add(EdgeId);
    }

    public GrainRuntime Runtime { get; }

    public IGrainFactory Factory => Runtime;

    /// <summary>This host's own adapter over the store, for checking what is stored.</summary>
    public IMessageHistoryStore History { get; }

    /// <summary>This host's own adapter over the grain state table.</summary>
    public IGrainStateStore StateStore { get; }

    /// <summary>This host's own adapter over the review audit table.</summary>
    public IReviewAuditLog Audit { get; }

    /// <summary>Loads the host's word list directory; hosts start with no lists until a test reloads.</summary>
    public WordListReloader WordLists { get; }

    public IEdgeDirectory Edges { get; }

    /// <summary>Held here, so the runtime's weak reference to it stays alive as long as the host.</summary>
    public RecordingEdge Edge { get; }

    public ObserverId EdgeId { get; }

    /// <summary>Starts a host over <paramref name="store"/>; <paramref name="options"/> adjusts the chat limits.</summary>
    /// <param name="store">The storage the host connects to.</param>
    /// <param name="options">Changes to the chat options, if any.</param>
    /// <param name="wordListDirectory">The word lists' directory; by default one that does not exist (no lists).</param>
    /// <param name="time">The grains' clock; by default the system's.</param>
    /// <param name="history">Wraps the store's history adapter, to watch what the grains ask of it.</param>
    public static async Task<ChatHost> StartAsync(ChatStore store, Action<ChatOptions>? options = null, string? wordListDirectory = null, TimeProvider? time = null, Func<IMessageHistoryStore, IMessageHistoryStore>? history = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var services = new ServiceCollection();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddLogging();
        services.AddMetrics();
        services.AddGrainRuntime(grains => grains.AddGrainsFrom(typeof(ConversationGrain).Assembly));
        services.Configure<GrainRuntimeOptions>(o => o.SerializeCalls = true);
        services.AddImChat(new ConfigurationBuilder().Build().GetSection(ChatOptions.SectionName));
        services.AddImReview(
            new ConfigurationBuilder().Build().GetSection(ReviewOptions.SectionName),
            wordListDirectory ?? Path.Combine(Path.GetTempPath(), $"im-no-wordlists-{Guid.NewGuid():N}"));
        if (options is not null)
        {
            services.Configure(options);
        }

        await store.ConnectAsync(services);
        if (history is not null)
        {
            var stored = services.Last(service => service.ServiceType == typeof(IMessageHistoryStore));
            services.Remove(stored);
            services.AddSingleton(history((IMessageHistoryStore)stored.ImplementationInstance!));
        }
        var host = new ChatHost(services.BuildServiceProvider());
        await host.Runtime.StartAsync();
        return host;
    }

    public IConversationGrain Conversation(string conversationId) => Factory.GetGrain<IConversationGrain>(conversationId);

    public IMemberGrain Member(string memberId) => Factory.GetGrain<IMemberGrain>(memberId);

    /// <summary>Creates members with ids unique to this call (<c>name-xxxxxxxx</c>), so tests sharing a database never meet.</summary>
    public async Task<string[]> CreateMembersAsync(params string[] names)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var ids = names.Select(name => $"{name}-{suffix}").ToArray();
        foreach (var id in ids)
        {
            await Member(id).EnsureAsync(new MemberProfile(id, id, null, []));
        }

        return ids;
    }

    /// <summary>The conversation ids in a member's list.</summary>
    public async Task<string[]> ListOfAsync(string memberId) =>
        [.. (await Member(memberId).GetConversationsAsync()).Select(c => c.ConversationId).Order(StringComparer.Ordinal)];

    public async ValueTask DisposeAsync()
    {
        await Runtime.StopAsync();
        await _services.DisposeAsync();
    }
}
