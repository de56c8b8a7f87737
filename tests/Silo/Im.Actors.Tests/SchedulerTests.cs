using Im.Actors.Tests.Grains;
using Im.Actors.Tests.Support;
using Im.Testing;

namespace Im.Actors.Tests;

public sealed class SchedulerTests
{
    [Fact]
    public async Task ClosedLoopCallersOnOneKeyAreAllAnsweredWhileTheMailboxEmptiesAndRefillsNonStop()
    {
        // Each caller sends its next call the moment the last is answered, and the calls
        // finish at once, so the activation's scheduler keeps draining to empty just as new
        // work arrives: the window in which a lost wakeup once left a grain silent for good.
        const int Callers = 16;
        const int CallsEach = 50_000;
        var host = await TestRuntime.StartAsync(o => o.SerializeCalls = false);
        try
        {
            var grain = host.Factory.GetGrain<ITurnGrain>("busy");

            await Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Task.Run(async () =>
            {
                for (var i = 0; i < CallsEach; i++)
                {
                    await grain.GetActivationNumberAsync();
                }
            }))).DefaultTimeout();

            Assert.Equal(1, host.Probe.Activations);
        }
        finally
        {
            // A silent grain never finishes deactivating: fail rather than hang the run.
            await host.DisposeAsync().AsTask().DefaultTimeout();
        }
    }
}
