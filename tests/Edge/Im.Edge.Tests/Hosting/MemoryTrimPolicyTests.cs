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
        Assert.False(policy.ShouldTrim(10 * MB, fullCollections: 0));
        Assert.False(policy.ShouldTrim(200 * MB, fullCollections: 0));   // the burst: busy
        Assert.True(policy.ShouldTrim(201 * MB, fullCollections: 0));    // quiet after it
    }

    [Fact]
    public void AfterAFullCollectionTheBurstCountsFromThere()
    {
        var policy = Policy();
        Assert.False(policy.ShouldTrim(300 * MB, fullCollections: 0));
        Assert.True(policy.ShouldTrim(301 * MB, fullCollections: 0));

        // The trim ran (one more full collection): the same quiet process does not trim again.
        Assert.False(policy.ShouldTrim(302 * MB, fullCollections: 1));
        Assert.False(policy.ShouldTrim(303 * MB, fullCollections: 1));
    }

    [Fact]
    public void ABusyProcessIsNeverTrimmed()
    {
        var policy = Policy();
        for (var step = 1; step <= 20; step++)
        {
            Assert.False(policy.ShouldTrim(step * 50 * MB, fullCollections: 0));
        }
    }

    [Fact]
    public void AQuietProcessWithoutABurstIsNotTrimmed()
    {
        var policy = Policy();
        for (var step = 1; step <= 20; step++)
        {
            Assert.False(policy.ShouldTrim(step * 3 * MB, fullCollections: 0));
        }
    }

    [Fact]
    public void TheCollectorsOwnFullCollectionAlsoResetsTheCount()
    {
        var policy = Policy();
        Assert.False(policy.ShouldTrim(100 * MB, fullCollections: 0));
        Assert.False(policy.ShouldTrim(150 * MB, fullCollections: 3));
        Assert.False(policy.ShouldTrim(151 * MB, fullCollections: 3));
    }
}
