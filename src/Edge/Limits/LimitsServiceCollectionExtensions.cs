using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Im.Edge.Limits;

public static class LimitsServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="LimitsOptions"/> to <paramref name="limitsSection"/> (checked at
    /// start: positive permits and periods, burst at least the permits) and registers the
    /// buckets; the hub adds <see cref="RateLimitHubFilter"/> to apply them.
    /// </summary>
    public static IServiceCollection AddImLimits(this IServiceCollection services, IConfiguration limitsSection)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(limitsSection);
        services.AddOptions<LimitsOptions>()
            .Bind(limitsSection)
            .Validate(o => o.IsValid, $"{LimitsOptions.SectionName}: every PermitsPerPeriod and Period must be positive and every Burst at least its PermitsPerPeriod")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<HubRateLimits>();
        services.AddSingleton<RateLimitHubFilter>();
        return services;
    }
}
