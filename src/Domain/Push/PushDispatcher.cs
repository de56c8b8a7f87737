using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Im.Actors;
using Microsoft.Extensions.Logging;

namespace Im.Domain.Push;

/// <summary>
/// Turns push jobs into deliveries to offline devices, in the background: one bounded queue,
/// a few workers, member profiles (devices and mutes) cached in memory.
/// </summary>
/// <remarks>
/// <para>Cost: a job for M members costs M lookups in the profile cache, done in one loop
/// without allocating; a member's registry grain is called only on a cache miss (first use,
/// or after the registry changed and called <see cref="Forget"/>). Work beyond the lookup
/// is proportional to the members with devices, and provider requests are one per offline
/// device. None of it runs on the sender's path.</para>
/// <para>The cache is per process and told of changes by registry grains in the same
/// process; a cluster needs the registry's changes broadcast to every dispatcher.</para>
/// </remarks>
public sealed partial class PushDispatcher : IPushDispatcher, IAsyncDisposable
{
    private const int QueueCapacity = 10_000;
    private const int Workers = 4;
    private const int BatchSize = 500;
    private const int ProfileLoadConcurrency = 32;

    // MayPush looks up at most this many members on the caller's turn: a 1:1 conversation or
    // a small group costs a few lookups, a large group's job goes to the queue as before.
    private const int MaxMembersCheckedBeforeQueueing = 16;

    /// <summary>Past this many cached members the cache starts over, bounding its memory.</summary>
    private const int MaxCachedProfiles = 100_000;

    private readonly IGrainFactory _grains;
    private readonly IDevicePresence _presence;
    private readonly IPushSender _sender;
    private readonly ILogger<PushDispatcher> _logger;
    private readonly PushMetrics _metrics;
    private readonly Channel<PushJob> _queue = Channel.CreateBounded<PushJob>(new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.Wait });
    private static readonly Task<PushProfile> NoDevices = Task.FromResult(PushProfile.Empty);

    private readonly ConcurrentDictionary<string, Task<PushProfile>> _profiles = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task[] _workers;

    public PushDispatcher(IGrainFactory grains, IDevicePresence presence, IPushSender sender, ILogger<PushDispatcher> logger, IMeterFactory? meterFactory = null)
    {
        _grains = grains;
        _presence = presence;
        _sender = sender;
        _logger = logger;
        _metrics = new PushMetrics(meterFactory);
        _workers = [.. Enumerable.Range(0, Workers).Select(_ => Task.Run(WorkAsync))];
    }

    public bool TryEnqueue(PushJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (_queue.Writer.TryWrite(job))
        {
            return true;
        }

        _metrics.Dropped();
        return false;
    }

    public bool MayPush(IReadOnlyList<string> memberIds, string? senderId)
    {
        ArgumentNullException.ThrowIfNull(memberIds);
        if (memberIds.Count > MaxMembersCheckedBeforeQueueing)
        {
            return true;
        }

        for (var i = 0; i < memberIds.Count; i++)
        {
            if (memberIds[i] != senderId && (!_profiles.TryGetValue(memberIds[i], out var profile) || profile != NoDevices))
            {
                return true;
            }
        }

        return false;
    }

    public void Forget(string memberId) => _profiles.TryRemove(memberId, out _);

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_workers).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task WorkAsync()
    {
        await foreach (var job in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await DispatchAsync(job, _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                LogJobFailed(_logger, error, job.ConversationId);
            }
        }
    }

    private async Task DispatchAsync(PushJob job, CancellationToken cancellationToken)
    {
        var deliveries = new List<PushDelivery>();
        List<string>? misses = null;

        // Most members of a large group are cached, and most of those have no device: they
        // must cost one dictionary lookup each, with no task, lock or allocation, or a
        // 10,000-member group spends more CPU here than on delivering the message.
        foreach (var memberId in job.MemberIds)
        {
            if (memberId == job.SenderId)
            {
                continue;
            }

            if (_profiles.TryGetValue(memberId, out var cached) && cached.IsCompletedSuccessfully)
            {
                Collect(job, memberId, cached.Result, deliveries);
            }
            else
            {
                (misses ??= []).Add(memberId);
            }
        }

        if (misses is not null)
        {
            await LoadAndCollectAsync(job, misses, deliveries, cancellationToken).ConfigureAwait(false);
        }

        foreach (var batch in deliveries.Chunk(BatchSize))
        {
            var outcomes = await _sender.SendAsync(batch, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < batch.Length; i++)
            {
                // Counted after the removal: "tokens removed" means gone from the registry.
                if (outcomes[i] == PushOutcome.Unregistered)
                {
                    await RemoveAsync(batch[i]).ConfigureAwait(false);
                }

                _metrics.Count(outcomes[i]);
            }
        }
    }

    private async Task LoadAndCollectAsync(PushJob job, List<string> memberIds, List<PushDelivery> deliveries, CancellationToken cancellationToken)
    {
        if (_profiles.Count + memberIds.Count > MaxCachedProfiles)
        {
            _profiles.Clear();
        }

        var loaded = new PushProfile[memberIds.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, memberIds.Count), new ParallelOptions { MaxDegreeOfParallelism = ProfileLoadConcurrency, CancellationToken = cancellationToken }, async (i, _) =>
        {
            var load = ProfileAsync(memberIds[i]);
            loaded[i] = await load.ConfigureAwait(false);

            // Members without devices share one completed task, so the cache holds little
            // more than their ids. Compared by reference: a load that a Forget superseded
            // must not overwrite the newer one.
            if (loaded[i].Devices.Count == 0 && load != NoDevices)
            {
                _profiles.TryUpdate(memberIds[i], NoDevices, load);
            }
        }).ConfigureAwait(false);
        for (var i = 0; i < memberIds.Count; i++)
        {
            Collect(job, memberIds[i], loaded[i], deliveries);
        }
    }

    private void Collect(PushJob job, string memberId, PushProfile profile, List<PushDelivery> deliveries)
    {
        if (profile.Devices.Count == 0 || (job.ConversationId is { } muted && profile.MutedConversationIds.Contains(muted, StringComparer.Ordinal)))
        {
            return;
        }

        foreach (var device in profile.Devices)
        {
            if (!_presence.IsLive(memberId, device.Token))
            {
                deliveries.Add(new PushDelivery(memberId, device.Token, job.Content));
            }
        }
    }

    private Task<PushProfile> ProfileAsync(string memberId)
    {
        var profile = _profiles.GetOrAdd(memberId, id => _grains.GetGrain<IDeviceRegistryGrain>(id).GetAsync());
        if (profile.IsFaulted || profile.IsCanceled)
        {
            // A failed read is not an answer to keep: the next job asks the grain again.
            _profiles.TryRemove(new KeyValuePair<string, Task<PushProfile>>(memberId, profile));
        }

        return profile;
    }

    private async Task RemoveAsync(PushDelivery dead)
    {
        try
        {
            await _grains.GetGrain<IDeviceRegistryGrain>(dead.MemberId).UnregisterAsync(dead.Token).ConfigureAwait(false);
            LogRemoved(_logger, dead.MemberId);
        }
        catch (Exception error)
        {
            LogRemoveFailed(_logger, error, dead.MemberId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A push job (conversation {ConversationId}) failed")]
    private static partial void LogJobFailed(ILogger logger, Exception error, string? conversationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed a device token of member {MemberId}: the provider reports it unregistered")]
    private static partial void LogRemoved(ILogger logger, string memberId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removing an unregistered device token of member {MemberId} failed")]
    private static partial void LogRemoveFailed(ILogger logger, Exception error, string memberId);
}
