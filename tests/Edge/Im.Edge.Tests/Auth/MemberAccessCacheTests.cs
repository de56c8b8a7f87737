using Im.Actors;
using Im.Edge.Auth;
using Microsoft.Extensions.DependencyInjection;
using static Im.Edge.Tests.Auth.AuthClient;

namespace Im.Edge.Tests.Auth;

public sealed class MemberAccessCacheTests(AuthHostFixture fixture) : IClassFixture<AuthHostFixture>
{
    [Fact]
    public async Task ExpiredAnswersStayUntilTheyAreDroppedOnPurpose()
    {
        await DevTokenAsync(fixture.Client, "cache-expiring");
        var grains = fixture.Host.Services.GetRequiredService<IGrainFactory>();
        using var cache = new MemberAccessCache(grains, new AuthOptions { MemberStatusCacheDuration = TimeSpan.FromMilliseconds(50) });

        Assert.True(await cache.IsActiveAsync("cache-expiring"));
        await Task.Delay(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);

        // Nothing used the cache since: it still holds the expired answer, as an idle edge would.
        Assert.Equal(1, cache.HeldAnswers);
        cache.ForgetExpired();
        Assert.Equal(0, cache.HeldAnswers);
        Assert.True(await cache.IsActiveAsync("cache-expiring"));
    }
}
