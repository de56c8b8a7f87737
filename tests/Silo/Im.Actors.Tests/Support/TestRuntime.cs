using System.Diagnostics.Metrics;
using Im.Actors.Hosting;
using Im.Actors.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Im.Actors.Tests.Support;

/// <summary>A started grain runtime over the test grains, disposed with the test.</summary>
public sealed class TestRuntime : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly MeterListener _reminderListener = new();
    private long _remindersFired;

    private TestRuntime(ServiceProvider services)
    {
        _services = services;
        Runtime = services.GetRequiredService<GrainRuntime>();
        Probe = services.GetRequiredService<GrainProbe>();

        // The runtime counts a reminder as fired once it is fully handled (a one-shot one
        // deleted): tests wait for that instead of sleeping.
        _reminderListener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == MeterFactory && instrument.Name == "im.actors.reminders.fired")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _reminderListener.SetMeasurementEventCallback<long>((_, value, _, _) =>
            Probe.Signal($"reminders fired {Interlocked.Add(ref _remindersFired, value)}"));
        _reminderListener.Start();
    }

    public GrainRuntime Runtime { get; }

    public IGrainFactory Factory => Runtime;

    public GrainProbe Probe { get; }

    /// <summary>The meters of this runtime only (tests run in parallel, each with its own).</summary>
    public IMeterFactory MeterFactory => _services.GetRequiredService<IMeterFactory>();

    public static async Task<TestRuntime> StartAsync(
        Action<GrainRuntimeOptions>? options = null,
        TimeProvider? clock = null,
        GrainProbe? probe = null,
        Action<IServiceCollection>? storage = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMetrics();
        services.AddSingleton(probe ?? new GrainProbe());
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        services.AddGrainRuntime(grains =>
        {
            foreach (var grainClass in typeof(TestRuntime).Assembly.GetTypes().Where(IsTestGrain))
            {
                grains.AddGrain(grainClass);
            }
        });
        services.Configure<GrainRuntimeOptions>(o =>
        {
            // Every test call crosses as JSON, proving that grain interfaces carry only data.
            o.SerializeCalls = true;
            options?.Invoke(o);
        });
        storage?.Invoke(services);
        var runtime = new TestRuntime(services.BuildServiceProvider());
        await runtime.Runtime.StartAsync();
        return runtime;
    }

    public async ValueTask DisposeAsync()
    {
        await Runtime.StopAsync();
        _reminderListener.Dispose();
        await _services.DisposeAsync();
    }

    private static bool IsTestGrain(Type type) =>
        type is { IsClass: true, IsAbstract: false } && typeof(Grain).IsAssignableFrom(type) && !type.IsDefined(typeof(ExcludeFromScanAttribute), false);
}
