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

    // Not inlined, so no local of the test method keeps the observer alive.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static ObserverId SubscribeAndForget(IGrainFactory factory) =>
        factory.CreateObserverReference<INewsObserver>(new RecordingObserver());

    private sealed class RecordingObserver : INewsObserver
    {
        private readonly ConcurrentQueue<string> _headlines = new();

        public IEnumerable<string> Headlines => _headlines;

        public Task OnNewsAsync(string headline)
        {
            _headlines.Enqueue(headline);
            return Task.CompletedTask;
        }
    }
}
