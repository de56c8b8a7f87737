using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using Im.Actors;
using Im.Domain.Notifications;
using Im.Domain.Push;
using Im.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Im.Edge.Tests.Chat.ChatCalls;

namespace Im.Edge.Tests.Push;

public sealed class MobilePushTests(PushServer server) : IClassFixture<PushServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnOfflineDeviceGetsExactlyOnePushPerMessageAndTheSenderNone()
    {
        var (ann, bob) = (Unique("ann"), Unique("bob"));
        var (annDevice, bobDevice) = (Unique("tok-ann"), Unique("tok-bob"));
        await server.RegisterOfflineDeviceAsync(bob, bobDevice);
        await using var annClient = await server.ConnectWithDeviceAsync(ann, annDevice);
        var conversation = await OpenDirectAsync(annClient, bob);

        for (var i = 1; i <= 3; i++)
        {
            await annClient.InvokeAsync("sendMessage", new { conversationId = conversation, clientMsgId = $"m{i}", text = $"hello {i}" });
        }

        var pushes = new List<FcmRecord>();
        for (var i = 0; i < 3; i++)
        {
            pushes.Add(await server.Fcm.NextAsync(bobDevice, Ct).AsTask().DefaultTimeout());
        }

        Assert.Equal(["hello 1", "hello 2", "hello 3"], pushes.Select(p => p.Body).Order());
        Assert.All(pushes, p => Assert.Equal(($"Bearer {FakeFcmServer.AccessToken}", FakeFcmServer.ProjectId, ann, "high", conversation), (p.Authorization, p.ProjectId, p.Title, p.AndroidPriority, p.Data["conversationId"])));
        Assert.Equal(3, server.Fcm.CountFor(bobDevice));
        Assert.Equal(0, server.Fcm.CountFor(annDevice));
    }

    [Fact]
    public async Task ADeviceBoundToALiveConnectionGetsNoPush()
    {
        var (ann, bob, cid) = (Unique("ann"), Unique("bob"), Unique("cid"));
        var (bobDevice, cidDevice) = (Unique("tok-bob"), Unique("tok-cid"));
        await server.RegisterOfflineDeviceAsync(cid, cidDevice);
        await using var bobClient = await server.ConnectWithDeviceAsync(bob, bobDevice);
        await using var annClient = await server.ConnectAsync(ann);
        var group = await CreateGroupAsync(annClient, bob, cid);

        await annClient.InvokeAsync("sendMessage", new { conversationId = group, clientMsgId = "m1", text = "are you there?" });

        // cid's push comes from the same job as bob's would, so it marks the job as done.
        Assert.Equal("are you there?", (await server.Fcm.NextAsync(cidDevice, Ct).AsTask().DefaultTimeout()).Body);
        Assert.Equal("are you there?", (await bobClient.NextEventAsync<JsonObject>("message", Ct).DefaultTimeout())["text"]!.GetValue<string>());
        Assert.Equal(0, server.Fcm.CountFor(bobDevice));
    }

    [Fact]
    public async Task ATokenFcmReportsUnregisteredIsRemovedAndNeverPushedAgain()
    {
        var (ann, bob, cid) = (Unique("ann"), Unique("bob"), Unique("cid"));
        var (deadDevice, cidDevice) = (Unique("tok-dead"), Unique("tok-cid"));
        server.Fcm.Script(deadDevice, 404);
        using var removals = new TokenRemovals(server.Services.GetRequiredService<IMeterFactory>());
        await server.RegisterOfflineDeviceAsync(bob, deadDevice);
        await server.RegisterOfflineDeviceAsync(cid, cidDevice);
        await using var annClient = await server.ConnectAsync(ann);
        var group = await CreateGroupAsync(annClient, bob, cid);

        await annClient.InvokeAsync("sendMessage", new { conversationId = group, clientMsgId = "m1", text = "first" });
        Assert.Equal(404, (await server.Fcm.NextAsync(deadDevice, Ct).AsTask().DefaultTimeout()).Status);
        await server.Fcm.NextAsync(cidDevice, Ct).AsTask().DefaultTimeout();
        await removals.First.DefaultTimeout();
        var registry = server.Services.GetRequiredService<IGrainFactory>().GetGrain<IDeviceRegistryGrain>(bob);
        Assert.Empty((await registry.GetAsync()).Devices);

        await annClient.InvokeAsync("sendMessage", new { conversationId = group, clientMsgId = "m2", text = "second" });
        Assert.Equal("second", (await server.Fcm.NextAsync(cidDevice, Ct).AsTask().DefaultTimeout()).Body);
        Assert.Equal(1, server.Fcm.CountFor(deadDevice));
    }

    [Fact]
    public async Task AnUnavailableFcmIsRetriedAndTheMessageDeliveredOnce()
    {
        var (ann, bob) = (Unique("ann"), Unique("bob"));
        var bobDevice = Unique("tok-bob");
        server.Fcm.Script(bobDevice, 503);
        await server.RegisterOfflineDeviceAsync(bob, bobDevice);
        await using var annClient = await server.ConnectAsync(ann);
        var conversation = await OpenDirectAsync(annClient, bob);

        await annClient.InvokeAsync("sendMessage", new { conversationId = conversation, clientMsgId = "m1", text = "retry me" });

        var first = await server.Fcm.NextAsync(bobDevice, Ct).AsTask().DefaultTimeout();
        var retry = await server.Fcm.NextAsync(bobDevice, Ct).AsTask().DefaultTimeout();
        Assert.Equal((503, 200), (first.Status, retry.Status));
        Assert.Equal(("retry me", "retry me"), (first.Body, retry.Body));
        Assert.Equal(2, server.Fcm.CountFor(bobDevice));
    }

    [Fact]
    public async Task AMemberWithoutADeviceCostsASendNoJobAndIsPushedOnceTheyRegisterOne()
    {
        var (ann, bob) = (Unique("ann"), Unique("bob"));
        var bobDevice = Unique("tok-bob");
        var push = server.Services.GetRequiredService<IPushDispatcher>();
        await server.TokenAsync(bob);
        await using var annClient = await server.ConnectAsync(ann);
        var conversation = await OpenDirectAsync(annClient, bob);
        Assert.True(push.MayPush([ann, bob], ann));

        // The first message's job looks bob up and finds no device; from then on a send
        // knows, and makes no job.
        await annClient.InvokeAsync("sendMessage", new { conversationId = conversation, clientMsgId = "m1", text = "before the app" });
        await WhenAsync(() => !push.MayPush([ann, bob], ann));
        await annClient.InvokeAsync("sendMessage", new { conversationId = conversation, clientMsgId = "m2", text = "still before the app" });

        await server.RegisterOfflineDeviceAsync(bob, bobDevice);
        Assert.True(push.MayPush([ann, bob], ann));
        await annClient.InvokeAsync("sendMessage", new { conversationId = conversation, clientMsgId = "m3", text = "with the app" });

        Assert.Equal("with the app", (await server.Fcm.NextAsync(bobDevice, Ct).AsTask().DefaultTimeout()).Body);
        Assert.Equal(1, server.Fcm.CountFor(bobDevice));
    }

    [Fact]
    public async Task AMutedConversationIsNotPushed()
    {
        var (ann, bob, cid) = (Unique("ann"), Unique("bob"), Unique("cid"));
        var (bobDevice, cidDevice) = (Unique("tok-bob"), Unique("tok-cid"));
        await server.RegisterOfflineDeviceAsync(cid, cidDevice);
        await using var annClient = await server.ConnectAsync(ann);
        var group = await CreateGroupAsync(annClient, bob, cid);
        await using (var bobClient = await server.ConnectAsync(bob))
        {
            await bobClient.InvokeAsync("muteConversation", new { conversationId = group, muted = true });
        }

        await server.RegisterOfflineDeviceAsync(bob, bobDevice);
        await annClient.InvokeAsync("sendMessage", new { conversationId = group, clientMsgId = "m1", text = "quiet please" });

        Assert.Equal("quiet please", (await server.Fcm.NextAsync(cidDevice, Ct).AsTask().DefaultTimeout()).Body);
        Assert.Equal(0, server.Fcm.CountFor(bobDevice));
    }

    [Fact]
    public async Task ANotificationIsPushedToAnOfflineMemberAndSentAsAnEventToAnOnlineOne()
    {
        var (offline, online) = (Unique("off"), Unique("on"));
        var (offlineDevice, onlineDevice) = (Unique("tok-off"), Unique("tok-on"));
        await server.RegisterOfflineDeviceAsync(offline, offlineDevice);
        await using var onlineClient = await server.ConnectWithDeviceAsync(online, onlineDevice);
        var grains = server.Services.GetRequiredService<IGrainFactory>();
        var notice = new NewNotification("approval.assigned", "n-1", "Approve leave", "Ann asks for leave", new Dictionary<string, string> { ["threadId"] = "t-9" });

        await grains.GetGrain<INotificationInboxGrain>(offline).RaiseAsync(notice);
        await grains.GetGrain<INotificationInboxGrain>(online).RaiseAsync(notice);

        var push = await server.Fcm.NextAsync(offlineDevice, Ct).AsTask().DefaultTimeout();
        Assert.Equal(("Approve leave", "Ann asks for leave", "approval.assigned", "t-9"), (push.Title, push.Body, push.Data["kind"], push.Data["threadId"]));
        var delivered = await onlineClient.NextEventAsync<JsonObject>("notification", Ct).DefaultTimeout();
        Assert.Equal(("approval.assigned", "n-1", "t-9"), ((string?)delivered["kind"], (string?)delivered["id"], (string?)delivered["data"]!["threadId"]));
        Assert.NotNull(delivered["createdAt"]);

        var page = await onlineClient.InvokeAsync<JsonObject>("getNotifications", new { limit = 10 });
        Assert.Equal(1, (int)page["unreadCount"]!);
        var after = await onlineClient.InvokeAsync<JsonObject>("markNotificationsRead", new { ids = new[] { "n-1" } });
        Assert.Equal(0, (int)after["unreadCount"]!);
        Assert.Equal(1, server.Fcm.CountFor(offlineDevice));
        Assert.Equal(0, server.Fcm.CountFor(onlineDevice));
    }

    private static async Task<string> OpenDirectAsync(Im.Testing.SignalR.HubClient client, string peer) =>
        (string)(await client.InvokeAsync<JsonObject>("openDirect", peer))["conversationId"]!;

    private async Task<string> CreateGroupAsync(Im.Testing.SignalR.HubClient client, params string[] members)
    {
        foreach (var member in members)
        {
            await server.TokenAsync(member);
        }

        return (string)(await client.InvokeAsync<JsonObject>("createGroup", new { title = "push group", memberIds = members }))["conversationId"]!;
    }

    private static async Task WhenAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TaskTimeoutExtensions.Ceiling;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold in time");
            await Task.Delay(TimeSpan.FromMilliseconds(20), Ct);
        }
    }
}
