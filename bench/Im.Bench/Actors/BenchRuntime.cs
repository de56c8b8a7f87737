using Im.Actors;
using Im.Actors.Hosting;
using Im.Actors.Runtime;
using Im.Actors.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Im.Bench.Actors;

/// <summary>
/// A started grain runtime over the bench grains, wired as the silo wires it (logging and
/// metrics registered, production options: calls are not copied through JSON) but without
/// a host.
/// </summary>
public sealed class BenchRuntime : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly GrainRuntime _runtime;

    private BenchRuntime(ServiceProvider services, GrainRuntime runtime)
    {
        _services = services;
        _runtime = runtime;
    }

    public IGrainFactory Factory => _runtime;

    public static async Task<BenchRuntime> StartAsync(IGrainStateStore? stateStore, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMetrics();
        services.AddGrainRuntime(grains => grains.AddGrain<NoOpGrain>().AddGrain<CounterGrain>());
        if (stateStore is not null)
        {
            services.AddSingleton(stateStore);
        }

        var provider = services.BuildServiceProvider();
        var runtime = provider.GetRequiredService<GrainRuntime>();
        await runtime.StartAsync(cancellationToken);
        return new BenchRuntime(provider, runtime);
    }

    public async ValueTask DisposeAsync()
    {
        await _runtime.DisposeAsync();
        await _services.DisposeAsync();
    }
}
