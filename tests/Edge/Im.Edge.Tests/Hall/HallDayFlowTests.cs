using System.Text.Json.Nodes;
using Im.Edge.Tests.Chat;
using Im.Testing.SignalR;

namespace Im.Edge.Tests.Hall;

/// <summary>A hall's day over REST, as staff and members drive it, seen by a subscribed screen and by the members' apps.</summary>
public sealed class HallDayFlowTests(ChatServer server) : IClassFixture<ChatServer>
{
    private readonly HallApi _api = new(server);

    [Fact]
    public async Task ADayOfIssueCallRecallSkipTransferFinishAndRateReachesTheScreenInOrderAndTheMembersAsNotices()
    {
        var (admin, staffId, ann, bob) = (await server.TokenAsync(HallApi.NewId("adm"), "admin"), HallApi.NewId("staff"), HallApi.NewId("ann"), HallApi.NewId("bob"));
        var staff = await server.TokenAsync(staffId);
        var (annToken, bobToken) = (await server.TokenAsync(ann), await server.TokenAsync(bob));
        var hallId = await _api.CreateHallAsync(admin, staffId);
        var (_, screenToken) = await _api.AddScreenAsync(admin, hallId);
        await using var screen = await _api.ConnectAsync(screenToken);
        await using var annApp = await HubClient.ConnectAsync(server.HubUrl, annToken, cancellationToken: TestContext.Current.CancellationToken);

        var snapshot = await screen.InvokeAsync("subscribe", hallId);
        Assert.Equal(["idle", "idle"], snapshot!["windows"]!.AsArray().Select(w => (string?)w!["status"]));
        Assert.Equal([0, 0], snapshot["queues"]!.AsArray().Select(q => (int?)q!["waiting"]));

        // Members take numbers for themselves: A001 for Ann, A002 behind it for Bob.
        var annTicket = (await _api.PostAsync(annToken, $"/api/halls/{hallId}/tickets", new { queueId = "A" })).EnsureStatus(201).Body!;
        Assert.Equal(("A001", 0, "waiting"), ((string?)annTicket["ticketNumber"], (int?)annTicket["position"], (string?)annTicket["status"]));
        Assert.Equal(1, (int?)(await screen.NextAsync("queueStatsChanged"))["waiting"]);
        await annApp.NextNoticeAsync("hall.get_ready");
        var bobTicket = (await _api.PostAsync(bobToken, $"/api/halls/{hallId}/tickets", new { queueId = "A" })).EnsureStatus(201).Body!;
        Assert.Equal(("A002", 1), ((string?)bobTicket["ticketNumber"], (int?)bobTicket["position"]));
        Assert.Equal(2, (int?)(await screen.NextAsync("queueStatsChanged"))["waiting"]);

        // Window 1 calls A001: the queue shrinks, the call shows, the window serves it; Ann is told.
        var call = (await _api.PostAsync(staff, $"/api/halls/{hallId}/windows/w1/call-next")).EnsureStatus(200).Body!;
        Assert.Equal(("A001", "w1", 1), ((string?)call["ticketNumber"], (string?)call["windowId"], (int?)call["callCount"]));
        Assert.Equal(1, (int?)(await screen.NextAsync("queueStatsChanged"))["waiting"]);
        var called = await screen.NextAsync("ticketCalled");
        Assert.Equal(("A001", "w1", "A", hallId, 1), ((string?)called["ticketNumber"], (string?)called["windowId"], (string?)called["queueId"], (string?)called["hallId"], (int?)called["callCount"]));
        var serving = await screen.NextAsync("windowStatusChanged");
        Assert.Equal(("w1", "serving", "A001", "1号窗口"), ((string?)serving["windowId"], (string?)serving["status"], (string?)serving["currentTicket"], (string?)serving["name"]));
        var notice = await annApp.NextNoticeAsync("hall.called");
        Assert.Equal(("A001", "w1", "1"), ((string?)notice["data"]!["ticketNumber"], (string?)notice["data"]!["windowId"], (string?)notice["data"]!["callCount"]));

        // A recall calls the same ticket again, with a higher count, and tells Ann again.
        var recall = (await _api.PostAsync(staff, $"/api/halls/{hallId}/windows/w1/recall")).EnsureStatus(200).Body!;
        Assert.Equal(2, (int?)recall["callCount"]);
        var recalled = await screen.NextAsync("ticketRecalled");
        Assert.Equal(("A001", 2), ((string?)recalled["ticketNumber"], (int?)recalled["callCount"]));
        Assert.Equal("2", (string?)(await annApp.NextNoticeAsync("hall.called"))["data"]!["callCount"]);

        // Ann does not come: skipped, the window is free.
        Assert.Equal("idle", (string?)(await _api.PostAsync(staff, $"/api/halls/{hallId}/windows/w1/skip")).EnsureStatus(200).Body!["status"]);
        Assert.Equal(("w1", "idle"), Window(await screen.NextAsync("windowStatusChanged")));
        Assert.Equal("skipped", (string?)(await _api.GetAsync(annToken, $"/api/halls/{hallId}/tickets/{annTicket["ticketId"]}")).EnsureStatus(200).Body!["status"]);

        // Window 2 calls A002, then sends it to queue B, where it waits with its number; the window is freed.
        (await _api.PostAsync(staff, $"/api/halls/{hallId}/windows/w2/call-next")).EnsureStatus(200);
        Assert.Equal(0, (int?)(await screen.NextAsync("queueStatsChanged"))["waiting"]);
        Assert.Equal("A002", (string?)(await screen.NextAsync("ticketCalled"))["ticketNumber"]);
        Assert.Equal(("w2", "serving"), Window(await screen.NextAsync("windowStatusChanged")));
        var moved = (await _api.PostAsync(staff, $"/api/halls/{hallId}/tickets/{bobTicket["ticketId"]}/transfer", new { queueId = "B" })).EnsureStatus(200).Body!;
        Assert.Equal(("A002", "B", "waiting"), ((string?)moved["ticketNumber"], (string?)moved["queueId"], (string?)moved["status"]));
        var queueB = await screen.NextAsync("queueStatsChanged");
        Assert.Equal(("B", 1), ((string?)queueB["queueId"], (int?)queueB["waiting"]));
        Assert.Equal(("w2", "idle"), Window(await screen.NextAsync("windowStatusChanged")));

        // Window 2 calls it from B, serves it, and Bob rates the service.
        var second = (await _api.PostAsync(staff, $"/api/halls/{hallId}/windows/w2/call-next", new { queueId = "B" })).EnsureStatus(200).Body!;
        Assert.Equal(("A002", "B"), ((string?)second["ticketNumber"], (string?)second["queueId"]));
        Assert.Equal(0, (int?)(await screen.NextAsync("queueStatsChanged"))["waiting"]);
        Assert.Equal(("A002", "B"), Call(await screen.NextAsync("ticketCalled")));
        Assert.Equal(("w2", "serving"), Window(await screen.NextAsync("windowStatusChanged")));
        (await _api.PostAsync(staff, $"/api/halls/{hallId}/windows/w2/finish")).EnsureStatus(200);
        Assert.Equal(("w2", "idle"), Window(await screen.NextAsync("windowStatusChanged")));
        var rated = (await _api.PostAsync(bobToken, $"/api/halls/{hallId}/tickets/{moved["ticketId"]}/rating", new { score = "very_satisfied", comment = "很快" })).EnsureStatus(200).Body!;
        Assert.Equal(("served", "very_satisfied"), ((string?)rated["status"], (string?)rated["rating"]!["score"]));

        // A paused window shows as paused until it resumes.
        (await _api.PostAsync(staff, $"/api/halls/{hallId}/windows/w1/pause")).EnsureStatus(200);
        Assert.Equal(("w1", "paused"), Window(await screen.NextAsync("windowStatusChanged")));
        (await _api.PostAsync(staff, $"/api/halls/{hallId}/windows/w1/resume")).EnsureStatus(200);
        Assert.Equal(("w1", "idle"), Window(await screen.NextAsync("windowStatusChanged")));
        screen.AssertNoMoreEvents();
    }

    private static (string?, string?) Window(JsonNode status) => ((string?)status["windowId"], (string?)status["status"]);

    private static (string?, string?) Call(JsonNode call) => ((string?)call["ticketNumber"], (string?)call["queueId"]);
}
