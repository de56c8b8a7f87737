using Im.Actors.Reminders;
using Im.Actors.Storage;
using Im.Domain.Files;
using Im.Domain.History;
using Im.Domain.Review;
using Im.Domain.Search;
using Im.Hall.Tickets;
using Im.Silo.Storage;
using Im.Silo.Storage.Files;
using Im.Silo.Storage.Postgres;
using Im.Silo.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Im.Silo.Tests.Storage;

public sealed class StorageRegistrationTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"im-storage-registration-{Guid.NewGuid():N}");

    [Fact]
    public async Task SqliteIsTheDefaultAndItsSchemaIsReadyBeforeAnyHostedServiceStarts()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        // Registered first on purpose: storage must be ready even for services that start before it is added.
        builder.Services.AddHostedService(provider => new WritesOnStart(provider.GetRequiredService<IGrainStateStore>()));
        builder.Services.AddImStorage(Section(new() { ["DataDirectory"] = _dataDirectory }));

        using var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        var state = await host.Services.GetRequiredService<IGrainStateStore>().ReadAsync("boot", "1", TestContext.Current.CancellationToken);
        await host.StopAsync(TestContext.Current.CancellationToken);

        Assert.Equal("written at start"u8.ToArray(), state.Data);
        Assert.IsType<SqliteGrainStateStore>(host.Services.GetRequiredService<IGrainStateStore>());
        Assert.IsType<SqliteReminderStore>(host.Services.GetRequiredService<IReminderStore>());
        Assert.IsType<SqliteMessageHistoryStore>(host.Services.GetRequiredService<IMessageHistoryStore>());
        Assert.IsType<SqliteReviewAuditLog>(host.Services.GetRequiredService<IReviewAuditLog>());
        Assert.IsType<SqliteFileMetadataStore>(host.Services.GetRequiredService<IFileMetadataStore>());
        Assert.IsType<SqliteMessageSearch>(host.Services.GetRequiredService<IMessageSearch>());
        Assert.IsType<SqliteTicketStore>(host.Services.GetRequiredService<ITicketStore>());
        Assert.IsType<LocalFileStore>(host.Services.GetRequiredService<IFileStore>());
        Assert.True(File.Exists(Path.Combine(_dataDirectory, SqliteDatabase.FileName)));
    }

    [Fact]
    public void PostgresIsChosenFromConfigurationWithoutConnecting()
    {
        var services = new ServiceCollection().AddImStorage(Section(new()
        {
            ["Provider"] = "Postgres",
            ["ConnectionString"] = "Host=127.0.0.1;Port=1;Username=nobody",
        }));

        using var provider = services.BuildServiceProvider();

        Assert.IsType<PostgresGrainStateStore>(provider.GetRequiredService<IGrainStateStore>());
        Assert.IsType<PostgresReminderStore>(provider.GetRequiredService<IReminderStore>());
        Assert.IsType<PostgresMessageHistoryStore>(provider.GetRequiredService<IMessageHistoryStore>());
        Assert.IsType<PostgresReviewAuditLog>(provider.GetRequiredService<IReviewAuditLog>());
        Assert.IsType<PostgresFileMetadataStore>(provider.GetRequiredService<IFileMetadataStore>());
        Assert.IsType<PostgresMessageSearch>(provider.GetRequiredService<IMessageSearch>());
        Assert.IsType<PostgresTicketStore>(provider.GetRequiredService<ITicketStore>());
        Assert.Same(provider.GetRequiredService<IGrainStateStore>(), provider.GetRequiredService<IGrainStateStore>());
    }

    [Fact]
    public void AnUnknownProviderFailsWithAClearMessage()
    {
        var error = Assert.Throws<InvalidOperationException>(
            () => new ServiceCollection().AddImStorage(Section(new() { ["Provider"] = "Cassandra" })));

        Assert.Contains("Storage:Provider 'Cassandra' is not supported", error.Message, StringComparison.Ordinal);
        Assert.Contains("Sqlite", error.Message, StringComparison.Ordinal);
        Assert.Contains("Postgres", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PostgresWithoutAConnectionStringFailsWithAClearMessage()
    {
        var error = Assert.Throws<InvalidOperationException>(
            () => new ServiceCollection().AddImStorage(Section(new() { ["Provider"] = "Postgres" })));

        Assert.Contains("Storage:ConnectionString is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANegativeSearchReadLimitFailsWithAClearMessage()
    {
        var error = Assert.Throws<InvalidOperationException>(
            () => new ServiceCollection().AddImStorage(Section(new() { ["DataDirectory"] = _dataDirectory, ["SearchReadAtMost"] = "-1" })));

        Assert.Contains("Storage:SearchReadAtMost is -1", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private static IConfigurationSection Section(Dictionary<string, string?> values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(pair => KeyValuePair.Create($"{StorageOptions.SectionName}:{pair.Key}", pair.Value)))
            .Build()
            .GetSection(StorageOptions.SectionName);

    private sealed class WritesOnStart(IGrainStateStore store) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) =>
            store.WriteAsync("boot", "1", "written at start"u8.ToArray(), null, cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
