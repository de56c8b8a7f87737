using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Im.Silo.Storage.Sqlite;

/// <summary>
/// The embedded store's search index (search.db), which every read of the history by key goes
/// through: healthy while its passes succeed, degraded with the error while they fail (im.db
/// damaged, a disk error). Its own failures it repairs itself (a corrupt search.db is set aside
/// and rebuilt), so what stays degraded needs an operator.
/// </summary>
internal sealed class SqliteSearchIndexHealthCheck(SqliteDatabase database) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(database.SearchIndex?.LastError is { } error
            ? HealthCheckResult.Degraded($"search index passes fail: {error.Message}", error)
            : HealthCheckResult.Healthy("search index follows the history"));
}
