using Im.Domain.Push;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Im.Edge.Push;

public static class PushEdgeExtensions
{
    /// <summary>Makes this edge's device bindings the presence that mobile push consults.</summary>
    public static WebApplicationBuilder AddImPushEdge(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<DeviceBindings>();

        // Replace, not TryAdd: the silo registers a presence for edge-less processes first.
        builder.Services.Replace(ServiceDescriptor.Singleton<IDevicePresence>(sp => sp.GetRequiredService<DeviceBindings>()));
        return builder;
    }
}
