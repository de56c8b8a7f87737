using Im.Actors;
using Im.Domain.Chat;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Im.Domain.Tests.Chat;

public sealed class ChatRegistrationTests
{
    [Fact]
    public void AddImChatBindsTheChatSectionAndKeepsAnEdgeDirectoryRegisteredBefore()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Chat:MaxGroupMembers"] = "42", ["Chat:MaxTextLength"] = "7" })
            .Build();
        var own = new LocalEdgeDirectory();
        var services = new ServiceCollection().AddSingleton<IEdgeDirectory>(own);

        using var provider = services.AddImChat(configuration.GetSection(ChatOptions.SectionName)).BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ChatOptions>>().Value;
        Assert.Equal((42, 7, 200), (options.MaxGroupMembers, options.MaxTextLength, options.MaxHistoryPage));
        Assert.Same(own, provider.GetRequiredService<IEdgeDirectory>());
        Assert.IsType<LocalEdgeDirectory>(new ServiceCollection().AddImChat(configuration.GetSection("Chat")).BuildServiceProvider().GetRequiredService<IEdgeDirectory>());
    }

    [Fact]
    public void NonPositiveLimitsAreRefused()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Chat:MaxHistoryPage"] = "0" })
            .Build();
        using var provider = new ServiceCollection().AddImChat(configuration.GetSection(ChatOptions.SectionName)).BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ChatOptions>>().Value);
    }

    [Fact]
    public async Task TheLocalEdgeDirectoryListsEachEdgeOnceUnderConcurrentChanges()
    {
        var directory = new LocalEdgeDirectory();
        var edges = Enumerable.Range(0, 100).Select(_ => ObserverId.New()).ToList();

        await Task.WhenAll(edges.Select(edge => Task.Run(() =>
        {
            directory.Add(edge);
            directory.Add(edge);
        }, TestContext.Current.CancellationToken)));
        var snapshot = directory.Edges;
        await Task.WhenAll(edges.Take(50).Select(edge => Task.Run(() => directory.Remove(edge), TestContext.Current.CancellationToken)));

        Assert.Equal(100, snapshot.Count);
        Assert.Equal(edges.Skip(50).Select(e => e.Value).Order(), directory.Edges.Select(e => e.Value).Order());
    }
}
