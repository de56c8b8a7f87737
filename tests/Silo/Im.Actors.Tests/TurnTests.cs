using Im.Actors.Tests.Grains;
using Im.Actors.Tests.Support;
using Im.Testing;

namespace Im.Actors.Tests;

public sealed class TurnTests
{
    [Fact]
    public async Task AThousandConcurrentCallsToOneKeyRunInTurnOnOneActivationWithoutLosingAnUpdate()
    {
        await using var host = await TestRuntime.StartAsync();
        var grain = host.Factory.GetGrain<ITurnGrain>("one");

        var results = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Task.Run(() => grain.IncrementAsync()))).DefaultTimeout();

        Assert.Equal(1000, await grain.GetAsync());
        Assert.Equal(Enumerable.Range(1, 1000), results.Order());
        Assert.Equal(1, host.Probe.Activations);
        Assert.Equal(1, host.Runtime.ActivationCount);
        Assert.Equal(0, host.Probe.Overlaps);
    }

    [Fact]
    public async Task DifferentKeysGetTheirOwnActivations()
    {
        await using var host = await TestRuntime.StartAsync();

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => host.Factory.GetGrain<ITurnGrain>($"k{i}").IncrementAsync())).DefaultTimeout();

        Assert.Equal(50, host.Runtime.ActivationCount);
    }

    [Fact]
    public async Task AReentrantGrainInterleavesCallsButNeverRunsTwoTurnsAtOnce()
    {
        await using var host = await TestRuntime.StartAsync();
        var grain = host.Factory.GetGrain<IRendezvousGrain>("meeting");

        // Each call waits inside the grain until all 20 are inside: only reentrancy allows it.
        var arrivals = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => grain.MeetAsync(20)))).DefaultTimeout();

        Assert.Equal(Enumerable.Range(1, 20), arrivals.Order());
        Assert.Equal(0, host.Probe.Overlaps);
    }

    [Fact]
    public async Task ACallCycleBackIntoANonReentrantGrainFailsWithDeadlockInsteadOfHanging()
    {
        await using var host = await TestRuntime.StartAsync();
        var first = host.Factory.GetGrain<IRelayGrain>("a");

        var error = await Assert.ThrowsAsync<DeadlockException>(() => first.RelayAsync(["a", "b", "c", "a"], 0).DefaultTimeout());

        Assert.Equal("a", error.Target.Key);
        Assert.Equal(["a", "b", "c"], error.CallChain.Select(g => g.Key));
        Assert.Contains("deadlock:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANonReentrantGrainCallingItselfFailsWithDeadlock()
    {
        await using var host = await TestRuntime.StartAsync();

        await Assert.ThrowsAsync<DeadlockException>(() => host.Factory.GetGrain<IRelayGrain>("self").RelayAsync(["self", "self"], 0).DefaultTimeout());
        Assert.Equal("x>y", await host.Factory.GetGrain<IRelayGrain>("x").RelayAsync(["x", "y"], 0).DefaultTimeout());
    }

    [Fact]
    public async Task ACallCycleThroughAReentrantGrainCompletes()
    {
        await using var host = await TestRuntime.StartAsync();

        var path = await host.Factory.GetGrain<IReentrantRelayGrain>("a").RelayAsync(["a", "b", "a", "c"], 0).DefaultTimeout();

        Assert.Equal("a>b>a>c", path);
    }
}
