using Im.Actors.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Im.Silo.Hosting;

/// <summary>Healthy when the state store answers a read: the one dependency every call needs.</summary>
internal sealed class StorageHealthCheck(IGrainStateStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.ReadAsync("health", "probe", cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy("storage answers");
        }
        catch (Exception error)
        {
            return HealthCheckResult.Unhealthy("storage does not answer", error);
        }
    }
}
