using Im.Actors.Storage;
using Im.Actors.Tests.Grains;
using Im.Actors.Tests.Support;
using Im.Testing;

namespace Im.Actors.Tests;

/// <summary>Runtime behaviour that depends on durable storage, on both adapters.</summary>
public sealed class PersistenceTests
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task AThousandConcurrentDurableIncrementsLoseNothing(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using var host = await TestRuntime.StartAsync(storage: store.Attach());
        var counter = host.Factory.GetGrain<ICounterGrain>("hot");

        var acks = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Task.Run(() => counter.IncrementAsync()))).WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);

        Assert.Equal(Enumerable.Range(1, 1000), acks.Order());
        Assert.Equal(1, host.Probe.Activations);
        await host.DisposeAsync();
        await using var reopened = await TestRuntime.StartAsync(storage: store.Attach());
        Assert.Equal(1000, await reopened.Factory.GetGrain<ICounterGrain>("hot").GetAsync().DefaultTimeout());
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task AnIdleActivationIsDeactivatedAndReactivatesWithItsStateIntact(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var clock = new ManualTimeProvider();
        await using var host = await TestRuntime.StartAsync(
            o =>
            {
                o.IdleTimeout = TimeSpan.FromMinutes(10);
                o.CollectionInterval = TimeSpan.FromMinutes(1);
            },
            clock,
            storage: store.Attach());
        var counter = host.Factory.GetGrain<ICounterGrain>("idle");
        await counter.IncrementAsync().DefaultTimeout();
        await counter.IncrementAsync().DefaultTimeout();

        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, host.Runtime.ActivationCount);
        clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(nameof(DeactivationReason.IdleTimeout), await host.Probe.WaitAsync("deactivated idle #1").DefaultTimeout());

        Assert.Equal(2, await counter.GetAsync().DefaultTimeout());
        Assert.Equal(2, host.Probe.Activations);
        Assert.Equal(3, await counter.IncrementAsync().DefaultTimeout());
    }

    [Fact]
    public async Task CallsQueuedWhenAGrainAsksToDeactivateRunOnAFreshActivationInOrder()
    {
        await using var store = await TestStore.CreateAsync(TestStore.Sqlite);
        await using var host = await TestRuntime.StartAsync(storage: store.Attach());
        var counter = host.Factory.GetGrain<ICounterGrain>("handover");

        var deactivate = counter.DeactivateAsync();
        var increments = Enumerable.Range(0, 20).Select(_ => counter.IncrementAsync()).ToList();
        await deactivate.DefaultTimeout();

        Assert.Equal(Enumerable.Range(1, 20), await Task.WhenAll(increments).DefaultTimeout());
        Assert.Equal(2, host.Probe.Activations);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task OfTwoRuntimesOverOneStoreTheStaleWriterGetsTheConflictAndOverwritesNothing(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using var first = await TestRuntime.StartAsync(storage: store.Attach());
        await using var second = await TestRuntime.StartAsync(storage: store.Attach());
        var inFirst = first.Factory.GetGrain<ICounterGrain>("split");
        var inSecond = second.Factory.GetGrain<ICounterGrain>("split");

        Assert.Equal(1, await inFirst.IncrementAsync().DefaultTimeout());
        Assert.Equal(2, await inSecond.IncrementAsync().DefaultTimeout());
        Assert.Equal(3, await inSecond.IncrementAsync().DefaultTimeout());

        await Assert.ThrowsAsync<InconsistentStateException>(() => inFirst.IncrementAsync().DefaultTimeout());

        // The loser's activation was discarded: its next call reloads the winner's value.
        Assert.Equal(3, await inFirst.GetAsync().DefaultTimeout());
        Assert.Equal(2, first.Probe.Activations);
        Assert.Equal(4, await inFirst.IncrementAsync().DefaultTimeout());
        await Assert.ThrowsAsync<InconsistentStateException>(() => inSecond.IncrementAsync().DefaultTimeout());
        Assert.Equal(4, await inSecond.GetAsync().DefaultTimeout());
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task AReminderRegisteredBeforeARestartFiresAfterIt(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var clock = new ManualTimeProvider();
        var options = (Action<GrainRuntimeOptions>)(o => o.ReminderPollInterval = TimeSpan.FromSeconds(1));
        await using (var before = await TestRuntime.StartAsync(options, clock, storage: store.Attach()))
        {
            await before.Factory.GetGrain<IReminderGrain>("r1").RemindAsync("wake", TimeSpan.FromMinutes(5), null).DefaultTimeout();
            Assert.Equal("wake", Assert.Single(await before.Factory.GetGrain<IReminderGrain>("r1").ListAsync()).Name);
        }

        await using var after = await TestRuntime.StartAsync(options, clock, storage: store.Attach());
        Assert.Equal(0, after.Runtime.ActivationCount);
        clock.Advance(TimeSpan.FromMinutes(5));
        var dueAt = await after.Probe.WaitAsync("reminder r1 wake").DefaultTimeout();
        await after.Probe.WaitAsync("reminders fired 1").DefaultTimeout();

        Assert.Equal((clock.GetUtcNow()).ToString("O"), dueAt);
        Assert.Empty(await after.Factory.GetGrain<IReminderGrain>("r1").ListAsync().DefaultTimeout());
    }

    [Fact]
    public async Task APeriodicReminderFiresOncePerPeriodEvenAfterAnOutage()
    {
        await using var store = await TestStore.CreateAsync(TestStore.Sqlite);
        var clock = new ManualTimeProvider();
        await using var host = await TestRuntime.StartAsync(o => o.ReminderPollInterval = TimeSpan.FromSeconds(1), clock, storage: store.Attach());
        var grain = host.Factory.GetGrain<IReminderGrain>("p");
        await grain.RemindAsync("beat", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10)).DefaultTimeout();

        clock.Advance(TimeSpan.FromSeconds(10));
        var firstDue = await host.Probe.WaitAsync("reminder p beat").DefaultTimeout();
        await host.Probe.WaitAsync("reminders fired 1").DefaultTimeout();
        var next = Assert.Single(await grain.ListAsync().DefaultTimeout());

        Assert.Equal(DateTimeOffset.Parse(firstDue, System.Globalization.CultureInfo.InvariantCulture) + TimeSpan.FromSeconds(10), next.DueAt);
        await grain.ForgetAsync("beat").DefaultTimeout();
        Assert.Empty(await grain.ListAsync().DefaultTimeout());
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task AGrainThatSavesWhileTheRuntimeStopsIsWaitedForAndItsStateKept(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using (var first = await TestRuntime.StartAsync(storage: store.Attach()))
        {
            await first.Factory.GetGrain<ISavingGrain>("wb").TouchAsync(42).DefaultTimeout();
            await first.Runtime.StopAsync(TestContext.Current.CancellationToken).DefaultTimeout();
        }

        await using var second = await TestRuntime.StartAsync(storage: store.Attach());
        Assert.Equal(42, await second.Factory.GetGrain<ISavingGrain>("wb").GetAsync().DefaultTimeout());
    }
}
