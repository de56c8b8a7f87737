using Im.Edge.Auth;
using Microsoft.Extensions.Options;

namespace Im.Edge.Hosting;

/// <summary>
/// Runs one aggressive, compacting full collection after a burst of allocation, once the
/// edge has gone quiet (<see cref="MemoryTrimPolicy"/>), so that memory returns to the OS.
/// </summary>
/// <remarks>
/// Why: an edge mostly holds idle connections. A reconnect storm (after a deploy or a
/// network blip) allocates hundreds of megabytes of short-lived garbage — handshakes, token
/// validation, activations — and then the process allocates almost nothing, so the collector
/// has no reason to run again and the garbage stays resident: about 10 KB per connection
/// measured at 10,000 connections, more than the connections themselves keep. The price is
/// one blocking collection of the whole heap (tens of milliseconds per 100 MB here), paid
/// only when nothing is happening; under load the collector's own collections run and this
/// never fires. The sockets' free buffers and the expired member status answers go first
/// (<see cref="TrimmableMemoryPool"/>, <see cref="MemberAccessCache"/>). See
/// docs/fanout.md, "Memory per connection".
/// </remarks>
internal sealed class MemoryTrimService(IOptions<MemoryTrimOptions> options, TrimmableMemoryPoolFactory socketPools, MemberAccessCache memberStatus, ILogger<MemoryTrimService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        var policy = new MemoryTrimPolicy(settings);
        using var timer = new PeriodicTimer(settings.Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            if (!policy.ShouldTrim(GC.GetTotalAllocatedBytes(), GC.GetGCMemoryInfo().HeapSizeBytes))
            {
                continue;
            }

            var before = Environment.WorkingSet;

            // What can be let go first, so this collection takes it too.
            var blocks = socketPools.Trim();
            memberStatus.ForgetExpired();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            logger.LogInformation("Trimmed memory after an allocation burst: {Blocks} free socket buffers released, working set {Before:N0} → {After:N0} bytes", blocks, before, Environment.WorkingSet);
        }
    }
}
