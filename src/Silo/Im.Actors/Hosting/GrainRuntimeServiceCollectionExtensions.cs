using Im.Actors.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Im.Actors.Hosting;

public static class GrainRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the grain runtime as <see cref="IGrainFactory"/> and a hosted service that starts
    /// and stops it. State and reminder stores are whatever <c>IGrainStateStore</c> and
    /// <c>IReminderStore</c> the container holds (see Storage:Provider).
    /// </summary>
    public static IServiceCollection AddGrainRuntime(this IServiceCollection services, Action<GrainRuntimeBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new GrainRuntimeBuilder();
        configure(builder);

        services.AddOptions<GrainRuntimeOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new GrainRegistry(builder.GrainClasses));
        services.AddSingleton(sp => new GrainRuntime(
            sp,
            sp.GetRequiredService<GrainRegistry>(),
            sp.GetRequiredService<IOptions<GrainRuntimeOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<GrainRuntime>>() ?? Microsoft.Extensions.Logging.Abstractions.NullLogger<GrainRuntime>.Instance));
        services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainRuntime>());
        services.AddHostedService<GrainRuntimeHostedService>();
        return services;
    }
}
