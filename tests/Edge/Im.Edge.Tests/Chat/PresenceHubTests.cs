using Im.Testing;
using static Im.Edge.Tests.Chat.ChatCalls;

namespace Im.Edge.Tests.Chat;

public sealed class PresenceHubTests(ChatServer server) : IClassFixture<ChatServer>
{
    [Fact]
    public async Task AContactSeesOnlineOnTheFirstDeviceAndOfflineWithLastSeenAfterTheLast()
    {
        var (ann, bob) = (Unique("ann"), Unique("bob"));
        await using var annClient = await server.ConnectAsync(ann);
        await server.TokenAsync(bob);
        await annClient.InvokeAsync("openDirect", bob);

        var bobPhone = await server.ConnectAsync(bob);
        var online = await annClient.NextEventAsync<PresenceWire>("presence", TestContext.Current.CancellationToken).DefaultTimeout();
        var bobLaptop = await server.ConnectAsync(bob);
        await bobLaptop.InvokeAsync("getPresence", new { memberIds = new[] { bob } });
        await bobPhone.DisposeAsync();
        await bobLaptop.DisposeAsync();

        // One member's changes arrive in order: a duplicate "online" would come first.
        var offline = await annClient.NextEventAsync<PresenceWire>("presence", TestContext.Current.CancellationToken).DefaultTimeout();
        Assert.Equal((bob, "online", (DateTimeOffset?)null), (online.MemberId, online.Status, online.LastSeen));
        Assert.Equal((bob, "offline"), (offline.MemberId, offline.Status));
        Assert.NotNull(offline.LastSeen);
        var asked = Assert.Single(await annClient.InvokeAsync<List<PresenceWire>>("getPresence", new { memberIds = new[] { bob } }));
        Assert.Equal(offline, asked);
    }

    [Fact]
    public async Task GetPresenceAnswersForContactsAndLeavesStrangersOut()
    {
        var (ann, bob, eve) = (Unique("ann"), Unique("bob"), Unique("eve"));
        await using var annClient = await server.ConnectAsync(ann);
        await using var bobClient = await server.ConnectAsync(bob);
        await using var eveClient = await server.ConnectAsync(eve);
        await annClient.InvokeAsync("openDirect", bob);

        var forAnn = await annClient.InvokeAsync<List<PresenceWire>>("getPresence", new { memberIds = new[] { bob, eve } });
        var forEve = await eveClient.InvokeAsync<List<PresenceWire>>("getPresence", new { memberIds = new[] { ann, bob } });

        Assert.Equal([(bob, "online")], forAnn.Select(p => (p.MemberId, p.Status)));
        Assert.Empty(forEve);
    }

    [Fact]
    public async Task SmallGroupMembersSeePresenceButNotMoreThanOncePerChange()
    {
        var (ann, bob, cat) = (Unique("ann"), Unique("bob"), Unique("cat"));
        await using var annClient = await server.ConnectAsync(ann);
        await server.TokenAsync(bob);
        await server.TokenAsync(cat);
        await annClient.InvokeAsync("createGroup", new { title = "three", memberIds = new[] { bob, cat } });
        await annClient.InvokeAsync("openDirect", cat);

        await using var catClient = await server.ConnectAsync(cat);
        var online = await annClient.NextEventAsync<PresenceWire>("presence", TestContext.Current.CancellationToken).DefaultTimeout();
        await using var bobClient = await server.ConnectAsync(bob);
        var next = await annClient.NextEventAsync<PresenceWire>("presence", TestContext.Current.CancellationToken).DefaultTimeout();

        // Ann shares a group and a direct conversation with cat, yet hears of cat once.
        Assert.Equal((cat, "online"), (online.MemberId, online.Status));
        Assert.Equal((bob, "online"), (next.MemberId, next.Status));
    }

    private sealed record PresenceWire(string MemberId, string Status, DateTimeOffset? LastSeen);
}
