using System.Diagnostics.Metrics;
using Im.Actors.Runtime;
using Im.Actors.Tests.Grains;
using Im.Actors.Tests.Support;
using Im.Testing;

namespace Im.Actors.Tests;

public sealed class CallTests
{
    [Fact]
    public async Task ACallWithoutAnAnswerTimesOutAndACallStillQueuedBehindItIsDroppedUnrun()
    {
        var clock = new ManualTimeProvider();
        await using var host = await TestRuntime.StartAsync(o => o.CallTimeout = TimeSpan.FromSeconds(5), clock);
        var grain = host.Factory.GetGrain<ISlowGrain>("s");

        var stalled = grain.StallAsync("first");
        await host.Probe.WaitAsync("stalling first").DefaultTimeout();
        var queued = grain.QuickAsync("queued");
        clock.Advance(TimeSpan.FromSeconds(6));

        await Assert.ThrowsAsync<GrainCallTimeoutException>(() => stalled.DefaultTimeout());
        await Assert.ThrowsAsync<GrainCallTimeoutException>(() => queued.DefaultTimeout());
        host.Probe.Signal("release");
        Assert.Equal("later", await grain.QuickAsync("later").DefaultTimeout());
        Assert.DoesNotContain("quick queued", host.Probe.Events);
    }

    [Fact]
    public async Task ATimedOutCallCancelsTheTokenTheGrainWasGiven()
    {
        var clock = new ManualTimeProvider();
        await using var host = await TestRuntime.StartAsync(o => o.CallTimeout = TimeSpan.FromSeconds(5), clock);
        var grain = host.Factory.GetGrain<ISlowGrain>("t");

        var hanging = grain.HangAsync("first", CancellationToken.None);
        await host.Probe.WaitAsync("hanging first").DefaultTimeout();
        clock.Advance(TimeSpan.FromSeconds(6));

        await Assert.ThrowsAsync<GrainCallTimeoutException>(() => hanging.DefaultTimeout());
        await host.Probe.WaitAsync("cancelled first").DefaultTimeout();
    }

    [Fact]
    public async Task AReentrantGrainsCallWithoutAnAnswerTimesOut()
    {
        var clock = new ManualTimeProvider();
        await using var host = await TestRuntime.StartAsync(o => o.CallTimeout = TimeSpan.FromSeconds(5), clock);
        var grain = host.Factory.GetGrain<IReentrantSlowGrain>("r");

        var stalled = grain.StallAsync("first");
        await host.Probe.WaitAsync("stalling first").DefaultTimeout();
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.False(stalled.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(2));
        var error = await Record.ExceptionAsync(() => stalled.DefaultTimeout());

        host.Probe.Signal("release");
        Assert.IsType<GrainCallTimeoutException>(error);
    }

    [Fact]
    public async Task ACallWaitingForAClosingActivationTimesOutWhenTheCloseOutlastsIt()
    {
        var clock = new ManualTimeProvider();
        await using var host = await TestRuntime.StartAsync(
            o =>
            {
                o.CallTimeout = TimeSpan.FromSeconds(5);
                o.IdleTimeout = TimeSpan.FromMinutes(1);
                o.CollectionInterval = TimeSpan.FromMinutes(1);
            },
            clock);
        var grain = host.Factory.GetGrain<ISlowToCloseGrain>("c");
        await grain.PingAsync().DefaultTimeout();
        clock.Advance(TimeSpan.FromMinutes(2));
        await host.Probe.WaitAsync("closing").DefaultTimeout();

        // The activation is closing and will not finish: this call waits to go to the next one.
        var waiting = grain.PingAsync();
        clock.Advance(TimeSpan.FromSeconds(6));
        var error = await Record.ExceptionAsync(() => waiting.DefaultTimeout());

        host.Probe.Signal("may close");
        Assert.IsType<GrainCallTimeoutException>(error);
        await grain.PingAsync().DefaultTimeout();
    }

    [Fact]
    public async Task ASweepLeavesAnsweredCallsAndCallsWithinTheirTimeAlone()
    {
        var clock = new ManualTimeProvider();
        await using var host = await TestRuntime.StartAsync(o => o.CallTimeout = TimeSpan.FromSeconds(5), clock);
        var grain = host.Factory.GetGrain<ISlowGrain>("a");
        Assert.Equal("done", await grain.QuickAsync("done").DefaultTimeout());
        var stalled = grain.StallAsync("young");
        await host.Probe.WaitAsync("stalling young").DefaultTimeout();
        clock.Advance(TimeSpan.FromSeconds(4));

        Assert.Equal(0, new CallDeadlines(host.Runtime).SweepOnce());
        host.Probe.Signal("release");
        Assert.Equal("young", await stalled.DefaultTimeout());
    }

    [Fact]
    public async Task ACallerThatCancelsGetsCancellationAndTheGrainSeesItsToken()
    {
        await using var host = await TestRuntime.StartAsync();
        var grain = host.Factory.GetGrain<ISlowGrain>("c");
        using var cancel = new CancellationTokenSource();

        var call = grain.HangAsync("mine", cancel.Token);
        await host.Probe.WaitAsync("hanging mine").DefaultTimeout();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.DefaultTimeout());
        await host.Probe.WaitAsync("cancelled mine").DefaultTimeout();
    }

    [Fact]
    public async Task CallsAreCountedOnTheImActorsMeter()
    {
        await using var host = await TestRuntime.StartAsync();
        long calls = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == host.MeterFactory && instrument.Name == "im.actors.calls")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "grain.type", Value: "TurnGrain" })
                {
                    Interlocked.Add(ref calls, value);
                }
            }
        });
        listener.Start();

        for (var i = 0; i < 7; i++)
        {
            await host.Factory.GetGrain<ITurnGrain>("m").IncrementAsync().DefaultTimeout();
        }

        Assert.Equal(7, Interlocked.Read(ref calls));
    }

    [Fact]
    public void InterfacesThatCannotCrossAProcessAreRefusedAtRegistration()
    {
        Assert.Contains("returns", Assert.Throws<ArgumentException>(() => new GrainRegistry([typeof(SyncGrain)])).Message, StringComparison.Ordinal);
        Assert.Contains("ref/out", Assert.Throws<ArgumentException>(() => new GrainRegistry([typeof(RefGrain)])).Message, StringComparison.Ordinal);
        Assert.Contains("properties", Assert.Throws<ArgumentException>(() => new GrainRegistry([typeof(PropertyGrain)])).Message, StringComparison.Ordinal);
    }

    public interface ISyncGrain : IGrain
    {
        int Add(int a, int b);
    }

    public interface IRefGrain : IGrain
    {
        Task SwapAsync(ref int value);
    }

    public interface IPropertyGrain : IGrain
    {
        string Name { get; }
    }

    [ExcludeFromScan]
    public sealed class SyncGrain : Grain, ISyncGrain
    {
        public int Add(int a, int b) => a + b;
    }

    [ExcludeFromScan]
    public sealed class RefGrain : Grain, IRefGrain
    {
        public Task SwapAsync(ref int value) => Task.CompletedTask;
    }

    [ExcludeFromScan]
    public sealed class PropertyGrain : Grain, IPropertyGrain
    {
        public string Name => "p";
    }
}
