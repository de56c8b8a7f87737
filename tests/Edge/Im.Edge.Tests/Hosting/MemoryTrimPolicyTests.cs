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
        Assert.False(policy.ShouldTrim(10 * MB));
        Assert.False(policy.ShouldTrim(200 * MB));   // the burst: busy
        Assert.True(policy.ShouldTrim(201 * MB));    // quiet after it
    }

    [Fact]
    public void AfterATrimTheNextNeedsAnotherBurst()
    {
        var policy = Policy();
        Assert.False(policy.ShouldTrim(300 * MB));
        Assert.True(policy.ShouldTrim(301 * MB));

        // Still quiet, but nothing much allocated since the trim.
        Assert.False(policy.ShouldTrim(302 * MB));
        Assert.False(policy.ShouldTrim(303 * MB));

        // The next storm, then quiet again.
        Assert.False(policy.ShouldTrim(500 * MB));
        Assert.True(policy.ShouldTrim(501 * MB));
    }

    [Fact]
    public void ABusyProcessIsNeverTrimmed()
    {
        var policy = Policy();
        for (var step = 1; step <= 20; step++)
        {
            Assert.False(policy.ShouldTrim(step * 50 * MB));
        }
    }

    [Fact]
    public void AQuietProcessWithoutABurstIsNotTrimmed()
    {
        var policy = Policy();
        for (var step = 1; step <= 20; step++)
        {
            Assert.False(policy.ShouldTrim(step * 3 * MB));
        }
    }
}
