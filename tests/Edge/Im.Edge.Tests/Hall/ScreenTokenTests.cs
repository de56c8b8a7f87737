using System.Net;
using Im.Edge.Tests.Chat;
using Im.Testing;
using Im.Testing.SignalR;

namespace Im.Edge.Tests.Hall;

/// <summary>Screen tokens: good for <c>/hubs/hall</c> of their own hall only, and only while the screen is registered.</summary>
public sealed class ScreenTokenTests(ChatServer server) : IClassFixture<ChatServer>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly HallApi _api = new(server);

    [Fact]
    public async Task AScreenSubscribesToItsOwnHallWithASnapshotAndIsRefusedAnotherHall()
    {
        var admin = await server.TokenAsync(HallApi.NewId("adm"), "admin");
        var hallId = await _api.CreateHallAsync(admin, HallApi.NewId("staff"));
        var otherHall = await _api.CreateHallAsync(admin, HallApi.NewId("staff"));
        var (_, token) = await _api.AddScreenAsync(admin, hallId, windowId: "w2");
        await using var screen = await _api.ConnectAsync(token);

        var snapshot = await screen.InvokeAsync("subscribe", hallId);

        Assert.Equal(hallId, (string?)snapshot!["hallId"]);
        Assert.Equal("职工服务大厅", (string?)snapshot["name"]);
        Assert.Equal("w2", (string?)snapshot["screenWindowId"]);
        Assert.Empty(snapshot["recentCalls"]!.AsArray());
        Assert.Equal(["w1", "w2"], snapshot["windows"]!.AsArray().Select(w => (string?)w!["windowId"]));
        Assert.Equal(["2号窗口"], snapshot["windows"]!.AsArray().Where(w => (string?)w!["windowId"] == "w2").Select(w => (string?)w!["name"]));
        Assert.Equal(["A", "B"], snapshot["queues"]!.AsArray().Select(q => (string?)q!["queueId"]));
        Assert.Equal(2, (int?)snapshot["queues"]![1]!["quotaLeft"]);
        var refused = await Assert.ThrowsAsync<HubInvocationException>(() => screen.InvokeAsync("subscribe", otherHall));
        Assert.Equal("forbidden", refused.Code);
    }

    [Fact]
    public async Task AScreenTokenIsRefusedByTheMemberHubAndByEveryRestEndpoint()
    {
        var admin = await server.TokenAsync(HallApi.NewId("adm"), "admin");
        var hallId = await _api.CreateHallAsync(admin, HallApi.NewId("staff"));
        var (screenId, token) = await _api.AddScreenAsync(admin, hallId);

        await Assert.ThrowsAnyAsync<Exception>(() => HubClient.ConnectAsync(server.HubUrl, token, cancellationToken: Cancel));
        foreach (var (method, path) in new[]
        {
            (HttpMethod.Get, "/api/me"),
            (HttpMethod.Get, $"/api/halls/{hallId}"),
            (HttpMethod.Post, $"/api/halls/{hallId}/windows/w1/call-next"),
            (HttpMethod.Post, $"/api/halls/{hallId}/screens"),
            (HttpMethod.Delete, $"/api/halls/{hallId}/screens/{screenId}"),
            (HttpMethod.Get, $"/api/halls/{hallId}/stats"),
        })
        {
            var response = await _api.SendAsync(token, method, path);
            Assert.True(response.Status == HttpStatusCode.Unauthorized, $"{method} {path}: {response.Status}");
            Assert.Equal("unauthorized", response.Code);
        }

        // Nothing the screen tried happened: the window was not called and the screen still works.
        Assert.Equal("idle", (string?)(await _api.GetAsync(admin, $"/api/halls/{hallId}/windows/w1")).EnsureStatus(200).Body!["status"]);
        await using var screen = await _api.ConnectAsync(token);
        Assert.Equal(hallId, (string?)(await screen.InvokeAsync("subscribe", hallId))!["hallId"]);
    }

    [Fact]
    public async Task ARemovedScreenIsDisconnectedAndCannotConnectAgain()
    {
        var admin = await server.TokenAsync(HallApi.NewId("adm"), "admin");
        var hallId = await _api.CreateHallAsync(admin, HallApi.NewId("staff"));
        var (screenId, token) = await _api.AddScreenAsync(admin, hallId);
        await using var screen = await _api.ConnectAsync(token);
        await screen.InvokeAsync("subscribe", hallId);

        (await _api.SendAsync(admin, HttpMethod.Delete, $"/api/halls/{hallId}/screens/{screenId}")).EnsureStatus(204);

        await screen.Closed.DefaultTimeout();
        await Assert.ThrowsAnyAsync<Exception>(() => _api.ConnectAsync(token));
    }

    [Fact]
    public async Task AReconnectingScreenGetsAFreshSnapshot()
    {
        var admin = await server.TokenAsync(HallApi.NewId("adm"), "admin");
        var staffId = HallApi.NewId("staff");
        var staff = await server.TokenAsync(staffId);
        var hallId = await _api.CreateHallAsync(admin, staffId);
        var (_, token) = await _api.AddScreenAsync(admin, hallId);
        await using (var first = await _api.ConnectAsync(token))
        {
            Assert.Empty((await first.InvokeAsync("subscribe", hallId))!["recentCalls"]!.AsArray());
        }

        // While the screen is away: two kiosk tickets, one of them called.
        (await _api.PostAsync(staff, $"/api/halls/{hallId}/tickets", new { queueId = "A" })).EnsureStatus(201);
        (await _api.PostAsync(staff, $"/api/halls/{hallId}/tickets", new { queueId = "A" })).EnsureStatus(201);
        (await _api.PostAsync(staff, $"/api/halls/{hallId}/windows/w1/call-next")).EnsureStatus(200);
        await using var again = await _api.ConnectAsync(token);
        var snapshot = await again.InvokeAsync("subscribe", hallId);

        Assert.Equal(["A001"], snapshot!["recentCalls"]!.AsArray().Select(c => (string?)c!["ticketNumber"]));
        var w1 = snapshot["windows"]!.AsArray().Single(w => (string?)w!["windowId"] == "w1")!;
        Assert.Equal(("serving", "A001"), ((string?)w1["status"], (string?)w1["currentTicket"]));
        Assert.Equal(1, (int?)snapshot["queues"]![0]!["waiting"]);
        Assert.Equal(2, (int?)snapshot["queues"]![0]!["issued"]);
    }

    [Fact]
    public async Task HallStaffSubscribeWithTheirMemberTokenAndOtherMembersAreRefused()
    {
        var admin = await server.TokenAsync(HallApi.NewId("adm"), "admin");
        var staffId = HallApi.NewId("staff");
        var hallId = await _api.CreateHallAsync(admin, staffId);
        await using var staff = await _api.ConnectAsync(await server.TokenAsync(staffId));
        await using var member = await _api.ConnectAsync(await server.TokenAsync(HallApi.NewId("mem")));

        Assert.Equal(hallId, (string?)(await staff.InvokeAsync("subscribe", hallId))!["hallId"]);
        Assert.Equal("forbidden", (await Assert.ThrowsAsync<HubInvocationException>(() => member.InvokeAsync("subscribe", hallId))).Code);
        Assert.Equal("invalid", (await Assert.ThrowsAsync<HubInvocationException>(() => staff.InvokeAsync("subscribe", "no/such"))).Code);
    }

    [Fact]
    public async Task ATokenWithoutAValidSignatureOrOfAnotherAudienceIsRefusedByTheHallHub()
    {
        var member = HallApi.NewId("mem");
        await server.TokenAsync(member);
        var forged = Auth.AuthClient.Mint("another-key-of-at-least-32-bytes-for-hs256"u8.ToArray(), member);
        var screenAudienceWithoutScreen = Auth.AuthClient.Mint(System.Text.Encoding.UTF8.GetBytes(ChatServer.SigningKey), member, audience: "im-clients:screen");

        await Assert.ThrowsAnyAsync<Exception>(() => _api.ConnectAsync(forged));
        await Assert.ThrowsAnyAsync<Exception>(() => _api.ConnectAsync(screenAudienceWithoutScreen));
        await Assert.ThrowsAnyAsync<Exception>(() => _api.ConnectAsync("not-a-token"));
    }
}
