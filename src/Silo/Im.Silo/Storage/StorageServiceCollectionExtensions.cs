using Im.Actors.Reminders;
using Im.Actors.Storage;
using Im.Domain.Files;
using Im.Domain.History;
using Im.Domain.Review;
using Im.Domain.Search;
using Im.Hall.Tickets;
using Im.Silo.Storage.Files;
using Im.Silo.Storage.Postgres;
using Im.Silo.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Im.Silo.Storage;

public static class StorageServiceCollectionExtensions
{
    // Keyed so that the application can register an NpgsqlDataSource of its own.
    private const string DataSourceKey = "Im.Storage";

    private const string FilesFolder = "files";

    /// <summary>
    /// Registers <see cref="IGrainStateStore"/>, <see cref="IReminderStore"/> and
    /// <see cref="IMessageHistoryStore"/>, <see cref="IReviewAuditLog"/>, <see cref="IFileMetadataStore"/>,
    /// <see cref="IMessageSearch"/> and the hall's <see cref="ITicketStore"/> as singletons of the provider named in
    /// <paramref name="storageSection"/> (see <see cref="StorageOptions"/>), and a hosted
    /// initializer that prepares the backend (schema included, unless
    /// <see cref="StorageOptions.ApplySchema"/> is off) in the host's Starting phase, before
    /// any hosted service starts. Uploaded files' bytes go to a <see cref="LocalFileStore"/> in
    /// <c>&lt;DataDirectory&gt;/files</c> with either provider.
    /// </summary>
    /// <exception cref="InvalidOperationException">The provider is unknown, or PostgreSQL has no connection string.</exception>
    public static IServiceCollection AddImStorage(this IServiceCollection services, IConfiguration storageSection)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(storageSection);
        var options = storageSection.Get<StorageOptions>() ?? new StorageOptions();
        services.AddSingleton(options);

        if (string.Equals(options.Provider, StorageOptions.SqliteProvider, StringComparison.OrdinalIgnoreCase))
        {
            AddSqlite(services, options);
        }
        else if (string.Equals(options.Provider, StorageOptions.PostgresProvider, StringComparison.OrdinalIgnoreCase))
        {
            AddPostgres(services, options);
        }
        else
        {
            throw new InvalidOperationException(
                $"{StorageOptions.SectionName}:Provider '{options.Provider}' is not supported; use '{StorageOptions.SqliteProvider}' or '{StorageOptions.PostgresProvider}'.");
        }

        services.AddSingleton<IFileStore>(_ => new LocalFileStore(Path.Combine(options.DataDirectory, FilesFolder)));
        services.AddHostedService(provider => new StorageInitializer(provider.GetRequiredService<IStorageDatabase>(), options.ApplySchema));
        return services;
    }

    private static void AddSqlite(IServiceCollection services, StorageOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            throw new InvalidOperationException($"{StorageOptions.SectionName}:DataDirectory is empty; the SQLite provider needs a directory for its file.");
        }

        if (options.SearchReadAtMost < 0)
        {
            throw new InvalidOperationException($"{StorageOptions.SectionName}:SearchReadAtMost is {options.SearchReadAtMost}; it counts messages, 0 or more.");
        }

        services.AddSingleton(_ => new SqliteDatabase(options.DataDirectory));
        services.AddSingleton<IStorageDatabase>(provider => provider.GetRequiredService<SqliteDatabase>());
        services.AddSingleton<IGrainStateStore>(provider => new SqliteGrainStateStore(provider.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<IReminderStore>(provider => new SqliteReminderStore(provider.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<IMessageHistoryStore>(provider => new SqliteMessageHistoryStore(provider.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<IReviewAuditLog>(provider => new SqliteReviewAuditLog(provider.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<IFileMetadataStore>(provider => new SqliteFileMetadataStore(provider.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<IMessageSearch>(provider => new SqliteMessageSearch(provider.GetRequiredService<SqliteDatabase>(), options.SearchReadAtMost));
        services.AddSingleton<ITicketStore>(provider => new SqliteTicketStore(provider.GetRequiredService<SqliteDatabase>()));
        services.AddHealthChecks().AddCheck<SqliteSearchIndexHealthCheck>("search-index");
    }

    private static void AddPostgres(IServiceCollection services, StorageOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new InvalidOperationException($"{StorageOptions.SectionName}:ConnectionString is required when {StorageOptions.SectionName}:Provider is '{StorageOptions.PostgresProvider}'.");
        }

        var connectionString = options.ConnectionString;
        services.AddKeyedSingleton(DataSourceKey, (_, _) => NpgsqlDataSource.Create(connectionString));
        services.AddSingleton(provider => new PostgresDatabase(provider.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey)));
        services.AddSingleton<IStorageDatabase>(provider => provider.GetRequiredService<PostgresDatabase>());
        services.AddSingleton<IGrainStateStore>(provider => new PostgresGrainStateStore(provider.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<IReminderStore>(provider => new PostgresReminderStore(provider.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<IMessageHistoryStore>(provider => new PostgresMessageHistoryStore(provider.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<IReviewAuditLog>(provider => new PostgresReviewAuditLog(provider.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<IFileMetadataStore>(provider => new PostgresFileMetadataStore(provider.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<IMessageSearch>(provider => new PostgresMessageSearch(provider.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<ITicketStore>(provider => new PostgresTicketStore(provider.GetRequiredService<PostgresDatabase>()));
    }
}
