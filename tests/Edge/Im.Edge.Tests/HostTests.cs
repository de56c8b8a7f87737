using System.Net;
using System.Text.Json;
using Im.Actors;
using Im.Domain.History;
using Im.Domain.Members;
using Im.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Im.Edge.Tests;

public sealed class HostTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"im-edge-{Guid.NewGuid():N}");

    [Fact]
    public async Task TheHostStartsAndHealthReportsStorageHealthy()
    {
        await using var host = new EdgeHost(StorageSettings.Sqlite(_dataDirectory));
        using var client = host.CreateClient();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("healthy", body.RootElement.GetProperty("checks").GetProperty("storage").GetProperty("status").GetString());
        Assert.Equal("healthy", body.RootElement.GetProperty("checks").GetProperty("search-index").GetProperty("status").GetString());
        Assert.True(File.Exists(Path.Combine(_dataDirectory, "im.db")));
    }

    [Fact]
    public Task DataWrittenThroughTheHostSurvivesARestartOnSqlite() =>
        WriteRestartAndReadAsync(StorageSettings.Sqlite(_dataDirectory));

    [Fact]
    public async Task DataWrittenThroughTheHostSurvivesARestartOnPostgres() =>
        await WriteRestartAndReadAsync(await StorageSettings.PostgresAsync($"edge_{Guid.NewGuid():N}"));

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private static async Task WriteRestartAndReadAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var message = new HistoryMessage("c-restart", 1, "ann", "m-1", DateTimeOffset.UtcNow, """{"text":"still here"}""");
        await using (var first = new EdgeHost(settings))
        {
            var grains = first.Services.GetRequiredService<IGrainFactory>();
            await grains.GetGrain<IMemberGrain>("ann").EnsureAsync(new MemberProfile("ann", "Ann", "org-1", ["member"])).DefaultTimeout();
            await first.Services.GetRequiredService<IMessageHistoryStore>().AppendAsync([message], CancellationToken.None);
        }

        await using var second = new EdgeHost(settings);
        var profile = await second.Services.GetRequiredService<IGrainFactory>().GetGrain<IMemberGrain>("ann").GetAsync().DefaultTimeout();
        var history = await second.Services.GetRequiredService<IMessageHistoryStore>().ReadAfterAsync("c-restart", 0, long.MaxValue, 10, CancellationToken.None);

        Assert.Equal("Ann", profile?.DisplayName);
        Assert.Equal(["member"], profile?.Roles);
        Assert.Equal("still here", JsonDocument.Parse(Assert.Single(history).Body).RootElement.GetProperty("text").GetString());
    }
}
