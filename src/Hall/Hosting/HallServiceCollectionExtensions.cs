using Im.Domain.Chat;
using Im.Hall.Halls;
using Im.Hall.Notices;
using Im.Hall.Statistics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Im.Hall.Hosting;

public static class HallServiceCollectionExtensions
{
    /// <summary>
    /// Registers what the hall grains need besides the runtime: <see cref="HallOptions"/>
    /// bound to the <c>Hall</c> section of <paramref name="configuration"/> (checked at start),
    /// the <see cref="InboxHallNotifier"/> as <see cref="IHallNotifier"/> unless one is
    /// registered, <see cref="HallStatistics"/>, the <see cref="HallEdgeDirectory"/> of screen edges, and
    /// the in-process chat edge directory (which delivers the notices) unless one is registered. The grains themselves come with the silo: <c>AddImSilo(…, typeof(HallGrain).Assembly)</c>.
    /// </summary>
    public static IServiceCollection AddImHall(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<HallOptions>()
            .Bind(configuration.GetSection(HallOptions.SectionName))
            .Validate(IsValid, $"{HallOptions.SectionName}: DefaultTimeZone must be a known time zone, GetReadyCount at least 0, PauseAlertAfter and RecentCalls positive, MaxDailyQuota 1..99999")
            .ValidateOnStart();
        services.TryAddSingleton<HallEdgeDirectory>();

        // The notifier raises notices in members' inboxes, which deliver through the chat edges.
        services.TryAddSingleton<IEdgeDirectory, LocalEdgeDirectory>();
        services.TryAddSingleton<IHallNotifier, InboxHallNotifier>();
        services.TryAddSingleton<HallStatistics>();
        return services;
    }

    private static bool IsValid(HallOptions o) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(o.DefaultTimeZone, out _)
        && o.GetReadyCount >= 0 && o.PauseAlertAfter > TimeSpan.Zero && o.RecentCalls > 0
        && o.MaxDailyQuota is > 0 and <= 99_999;
}
