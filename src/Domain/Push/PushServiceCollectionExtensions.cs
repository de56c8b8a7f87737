using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Im.Domain.Push;

public static class PushServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="PushDispatcher"/>, and unless registered already a presence
    /// for a process without an edge (<see cref="SiloOnlyDevicePresence"/>) and the
    /// <see cref="DisabledPushSender"/>; an edge and a configured provider register theirs first.
    /// </summary>
    public static IServiceCollection AddImPush(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IDevicePresence, SiloOnlyDevicePresence>();
        services.TryAddSingleton<IPushSender, DisabledPushSender>();
        services.TryAddSingleton<IPushDispatcher, PushDispatcher>();
        return services;
    }
}
