using Im.Actors.Tests.Grains;
using Im.Actors.Tests.Support;
using Im.Testing;

namespace Im.Actors.Tests;

public sealed class LifecycleTests
{
    [Fact]
    public async Task AFailedActivationFailsItsQueuedCallsAndTheNextCallActivatesAfresh()
    {
        await using var host = await TestRuntime.StartAsync();
        host.Probe.FailActivationsRemaining = 1;
        var grain = host.Factory.GetGrain<IFlakyActivationGrain>("f");

        var queued = Enumerable.Range(0, 5).Select(_ => grain.PingAsync()).ToList();
        host.Probe.Signal("activation may finish");

        foreach (var call in queued)
        {
            var error = await Assert.ThrowsAsync<GrainActivationException>(() => call.DefaultTimeout());
            Assert.Equal("database unreachable", error.InnerException?.Message);
        }

        Assert.Equal("pong", await grain.PingAsync().DefaultTimeout());
        Assert.Equal(1, host.Runtime.ActivationCount);
    }

    [Fact]
    public async Task TimerTicksRunAsTurnsOfTheirOwn()
    {
        var clock = new ManualTimeProvider();
        await using var host = await TestRuntime.StartAsync(clock: clock);
        var grain = host.Factory.GetGrain<ITimerGrain>("t");
        await grain.StartAsync(TimeSpan.FromSeconds(10));

        clock.Advance(TimeSpan.FromSeconds(10));
        await host.Probe.WaitAsync("tick 1").DefaultTimeout();

        // A call is a turn after the tick's turn: once it answers, the tick is fully done,
        // and the next tick is not dropped as overlapping.
        Assert.Equal(1, await grain.GetTicksAsync().DefaultTimeout());
        clock.Advance(TimeSpan.FromSeconds(10));
        await host.Probe.WaitAsync("tick 2").DefaultTimeout();

        Assert.Equal(2, await grain.GetTicksAsync());
        Assert.Equal(0, host.Probe.Overlaps);
    }

    [Fact]
    public async Task ASecondStopWaitsUntilTheFirstHasDeactivatedEveryGrain()
    {
        await using var host = await TestRuntime.StartAsync();
        await host.Factory.GetGrain<ISlowToCloseGrain>("s").PingAsync().DefaultTimeout();

        var first = host.Runtime.StopAsync(TestContext.Current.CancellationToken);
        await host.Probe.WaitAsync("closing").DefaultTimeout();
        var second = host.Runtime.StopAsync(TestContext.Current.CancellationToken);

        // The host that stops second disposes the services next: it must not get there early.
        Assert.False(second.IsCompleted);
        host.Probe.Signal("may close");
        await Task.WhenAll(first, second).DefaultTimeout();
        Assert.Equal(0, host.Runtime.ActivationCount);
    }
}
