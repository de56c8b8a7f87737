using Im.Actors.Runtime;
using Microsoft.Extensions.Hosting;

namespace Im.Actors.Hosting;

/// <summary>Starts the runtime with the host and, on shutdown, deactivates every grain so it can save.</summary>
internal sealed class GrainRuntimeHostedService(GrainRuntime runtime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => runtime.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => runtime.StopAsync(cancellationToken);
}
