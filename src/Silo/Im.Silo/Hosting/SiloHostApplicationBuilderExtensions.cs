using System.Reflection;
using Im.Actors;
using Im.Actors.Hosting;
using Im.Silo.Push;
using Im.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Im.Silo.Hosting;

public static class SiloHostApplicationBuilderExtensions
{
    /// <summary>Configuration section of the grain runtime's settings.</summary>
    public const string ActorsSection = "Actors";

    /// <summary>
    /// Makes this process a silo: the grain runtime hosting the grains of
    /// <paramref name="grainAssemblies"/>, over the storage provider that configuration
    /// names (<c>Storage:Provider</c>), with a storage health check, and the mobile push
    /// sender that <c>Push:Fcm</c> configures.
    /// </summary>
    public static IHostApplicationBuilder AddImSilo(this IHostApplicationBuilder builder, params Assembly[] grainAssemblies)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<GrainRuntimeOptions>(builder.Configuration.GetSection(ActorsSection));
        builder.Services.AddImStorage(builder.Configuration.GetSection(StorageOptions.SectionName));
        builder.Services.AddGrainRuntime(grains =>
        {
            foreach (var assembly in grainAssemblies)
            {
                grains.AddGrainsFrom(assembly);
            }
        });
        builder.Services.AddImFcm(builder.Configuration.GetSection(FcmOptions.SectionName));
        builder.Services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage");
        return builder;
    }
}
