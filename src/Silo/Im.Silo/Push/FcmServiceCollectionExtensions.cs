using Im.Domain.Push;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Im.Silo.Push;

public static class FcmServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="FcmOptions"/> to <paramref name="fcmSection"/> and, when it is enabled,
    /// registers <see cref="FcmPushSender"/> as the push sender (a disabled section leaves the
    /// <see cref="DisabledPushSender"/>), then the dispatcher (<see cref="PushServiceCollectionExtensions.AddImPush"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">Push is enabled without a project id or a service account.</exception>
    public static IServiceCollection AddImFcm(this IServiceCollection services, IConfiguration fcmSection)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(fcmSection);
        services.AddOptions<FcmOptions>().Bind(fcmSection);
        var options = fcmSection.Get<FcmOptions>() ?? new FcmOptions();
        if (options.Enabled)
        {
            Check(options);
            services.AddSingleton<IPushSender, FcmPushSender>();
        }

        services.AddImPush();
        services.AddHostedService<FcmStartup>();
        return services;
    }

    private static void Check(FcmOptions o)
    {
        var problem =
            string.IsNullOrWhiteSpace(o.ProjectId) ? "ProjectId is required" :
            string.IsNullOrWhiteSpace(o.ServiceAccountJson) && string.IsNullOrWhiteSpace(o.ServiceAccountJsonPath) ? "ServiceAccountJsonPath or ServiceAccountJson is required" :
            o.MaxConcurrency <= 0 || o.MaxRetries < 0 ? "MaxConcurrency must be positive and MaxRetries at least 0" :
            o.RetryBaseDelay < TimeSpan.Zero || o.MaxRetryDelay < o.RetryBaseDelay || o.RequestTimeout <= TimeSpan.Zero ? "RetryBaseDelay, MaxRetryDelay and RequestTimeout must be ordered and positive" :
            null;
        if (problem is not null)
        {
            throw new InvalidOperationException($"{FcmOptions.SectionName} is enabled but {problem}.");
        }
    }
}
