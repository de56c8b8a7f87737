using System.Collections.Concurrent;
using Im.Actors.Tests.Grains;
using Im.Actors.Tests.Support;
using Im.Testing;

namespace Im.Actors.Tests;

public sealed class ObserverTests
{
    [Fact]
    public async Task APushReachesLiveObserversAndDropsOnesThatVanishedWithoutNotice()
    {
        await using var host = await TestRuntime.StartAsync();
        var publisher = host.Factory.GetGrain<IPublisherGrain>("news");
        var staying = new RecordingObserver();
        var leaving = new RecordingObserver();
        var stayingId = host.Factory.CreateObserverReference<INewsObserver>(staying);
        var leavingId = host.Factory.CreateObserverReference<INewsObserver>(leaving);
        await publisher.SubscribeAsync(stayingId);
        await publisher.SubscribeAsync(leavingId);

        Assert.Equal(2, await publisher.PublishAsync("first").DefaultTimeout());
        host.Factory.DeleteObserverReference(leavingId);
        Assert.Equal(1, await publisher.PublishAsync("second").DefaultTimeout());

        Assert.Equal(["first", "second"], staying.Headlines);
        Assert.Equal(["first"], leaving.Headlines);
        Assert.Equal(1, await publisher.GetSubscriberCountAsync());
    }

    [Fact]
    public async Task AnObserverNobodyHoldsAnyMoreIsCollectedAndDropped()
    {
        await using var host = await TestRuntime.StartAsync();
        var publisher = host.Factory.GetGrain<IPublisherGrain>("gc");
        await publisher.SubscribeAsync(SubscribeAndForget(host.Factory));

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.Equal(0, await publisher.PublishAsync("anyone?").DefaultTimeout());
        Assert.Equal(0, await publisher.GetSubscriberCountAsync());
    }

    [Fact]
    public async Task APushToAGoneObserverFailsWithObserverGone()
    {
        await using var host = await TestRuntime.StartAsync();
        var id = host.Factory.CreateObserverReference<INewsObserver>(new RecordingObserver());
        host.Factory.DeleteObserverReference(id);

        await Assert.ThrowsAsync<ObserverGoneException>(() => host.Factory.GetObserver<INewsObserver>(id).OnNewsAsync("x"));
    }

    [Fact]
    public async Task AnInlineObserverRunsInThePushingGrainsTurnAndAThrowFailsOnlyItsPush()
    {
        await using var host = await TestRuntime.StartAsync();
        var publisher = host.Factory.GetGrain<IPublisherGrain>("inline");
        var inline = new InlineObserver();
        var pooled = new RecordingObserver();
        await publisher.SubscribeAsync(host.Factory.CreateObserverReference<INewsObserver>(inline));
        await publisher.SubscribeAsync(host.Factory.CreateObserverReference<INewsObserver>(pooled));

        Assert.Equal(2, await publisher.PublishAsync("first").DefaultTimeout());
        inline.Refuse = true;
        Assert.Equal(1, await publisher.PublishAsync("second").DefaultTimeout());

        Assert.Equal(["first"], inline.Headlines);
        Assert.Equal(["first", "second"], pooled.Headlines);
        Assert.False(inline.RanOnThreadPoolScheduler);
        Assert.True(pooled.RanOnThreadPoolScheduler);
        GC.KeepAlive(inline);
        GC.KeepAlive(pooled);
    }

    // Not inlined, so no local of the test method keeps the observer alive.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static ObserverId SubscribeAndForget(IGrainFactory factory) =>
        factory.CreateObserverReference<INewsObserver>(new RecordingObserver());

    private sealed class RecordingObserver : INewsObserver
    {
        private readonly ConcurrentQueue<string> _headlines = new();

        public IEnumerable<string> Headlines => _headlines;

        public bool RanOnThreadPoolScheduler { get; private set; }

        public Task OnNewsAsync(string headline)
        {
            RanOnThreadPoolScheduler = TaskScheduler.Current == TaskScheduler.Default;
            _headlines.Enqueue(headline);
            return Task.CompletedTask;
        }
    }

    /// <summary>Runs in the pushing grain's turn: there, the current scheduler is the activation's.</summary>
    [InlineObserver]
    private sealed class InlineObserver : INewsObserver
    {
        private readonly ConcurrentQueue<string> _headlines = new();

        public IEnumerable<string> Headlines => _headlines;

        public bool Refuse { get; set; }

        public bool RanOnThreadPoolScheduler { get; private set; } = true;

        public Task OnNewsAsync(string headline)
        {
            RanOnThreadPoolScheduler = TaskScheduler.Current == TaskScheduler.Default;
            if (Refuse)
            {
                throw new InvalidOperationException("refused");
            }

            _headlines.Enqueue(headline);
            return Task.CompletedTask;
        }
    }
}
