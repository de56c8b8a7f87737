using Im.Edge.Hosting;

namespace Im.Edge.Tests.Hosting;

public sealed class MemoryTrimPolicyTests
{
    private const long MB = 1024 * 1024;

    private static MemoryTrimPolicy Policy() => new(new MemoryTrimOptions { BurstBytes = 64 * MB, QuietBytes = 4 * MB });

    [Fact]
    public void ABurstIsTrimmedOnceTheProcessGoesQuiet()
    {
        var policy = Policy();
        Assert.False(policy.ShouldTrim(10 * MB, heapBytes: 0));
        Assert.False(policy.ShouldTrim(200 * MB, heapBytes: 0));   // the burst: busy
        Assert.True(policy.ShouldTrim(201 * MB, heapBytes: 0));    // quiet after it
    }

    [Fact]
    public void AfterATrimTheNextNeedsAnotherBurst()
    {
        var policy = Policy();
        Assert.False(policy.ShouldTrim(300 * MB, heapBytes: 0));
        Assert.True(policy.ShouldTrim(301 * MB, heapBytes: 0));

        // Still quiet, but nothing much allocated since the trim.
        Assert.False(policy.ShouldTrim(302 * MB, heapBytes: 0));
        Assert.False(policy.ShouldTrim(303 * MB, heapBytes: 0));

        // The next storm, then quiet again.
        Assert.False(policy.ShouldTrim(500 * MB, heapBytes: 0));
        Assert.True(policy.ShouldTrim(501 * MB, heapBytes: 0));
    }

    [Fact]
    public void ABusyProcessIsNeverTrimmed()
    {
        var policy = Policy();
        for (var step = 1; step <= 20; step++)
        {
            Assert.False(policy.ShouldTrim(step * 50 * MB, heapBytes: 0));
        }
    }

    [Fact]
    public void ALargeHeapNeedsABurstOfHalfItsSize()
    {
        var policy = Policy();
        Assert.False(policy.ShouldTrim(150 * MB, heapBytes: 400 * MB));
        Assert.False(policy.ShouldTrim(151 * MB, heapBytes: 400 * MB));   // quiet, but under half the heap
        Assert.False(policy.ShouldTrim(250 * MB, heapBytes: 400 * MB));
        Assert.True(policy.ShouldTrim(251 * MB, heapBytes: 400 * MB));
    }

    [Fact]
    public void AQuietProcessWithoutABurstIsNotTrimmed()
    {
        var policy = Policy();
        for (var step = 1; step <= 20; step++)
        {
            Assert.False(policy.ShouldTrim(step * 3 * MB, heapBytes: 0));
        }
    }
}
