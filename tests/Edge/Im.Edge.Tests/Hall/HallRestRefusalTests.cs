using System.Text;
using Im.Edge.Tests.Chat;

namespace Im.Edge.Tests.Hall;

/// <summary>What hall REST refuses, with which status and code, and that a refusal changes nothing.</summary>
public sealed class HallRestRefusalTests(ChatServer server) : IClassFixture<ChatServer>
{
    private readonly HallApi _api = new(server);

    [Fact]
    public async Task AQueueAtItsQuotaRefusesTheNextTicketAndIssuesNothing()
    {
        var (hallId, admin, staff) = await HallAsync();
        (await _api.PostAsync(staff, $"/api/halls/{hallId}/tickets", new { queueId = "B" })).EnsureStatus(201);
        (await _api.PostAsync(staff, $"/api/halls/{hallId}/tickets", new { queueId = "B" })).EnsureStatus(201);

        var refused = await _api.PostAsync(staff, $"/api/halls/{hallId}/tickets", new { queueId = "B" });

        Assert.Equal((409, "quota_exhausted"), ((int)refused.Status, refused.Code));
        Assert.Equal((2, 2, 0), await QueueAsync(admin, hallId, "B"));
    }

    [Fact]
    public async Task AMemberWithAnOpenTicketIsRefusedASecondOneInTheSameQueue()
    {
        var (hallId, admin, _) = await HallAsync();
        var member = await server.TokenAsync(HallApi.NewId("mem"));
        (await _api.PostAsync(member, $"/api/halls/{hallId}/tickets", new { queueId = "A" })).EnsureStatus(201);

        var refused = await _api.PostAsync(member, $"/api/halls/{hallId}/tickets", new { queueId = "A" });

        Assert.Equal((409, "duplicate_ticket"), ((int)refused.Status, refused.Code));
        Assert.Equal((1, 1, -1), await QueueAsync(admin, hallId, "A"));
    }

    [Fact]
    public async Task WindowRefusalsLeaveTheWindowAndTheQueueAsTheyWere()
    {
        var (hallId, admin, staff) = await HallAsync();
        Assert.Equal((404, "queue_empty"), Refusal(await _api.PostAsync(staff, $"/api/halls/{hallId}/windows/w1/call-next")));
        (await _api.PostAsync(staff, $"/api/halls/{hallId}/tickets", new { queueId = "B" })).EnsureStatus(201);

        Assert.Equal((409, "not_bound"), Refusal(await _api.PostAsync(staff, $"/api/halls/{hallId}/windows/w1/call-next", new { queueId = "B" })));
        Assert.Equal((409, "no_current_ticket"), Refusal(await _api.PostAsync(staff, $"/api/halls/{hallId}/windows/w1/recall")));
        Assert.Equal((409, "no_current_ticket"), Refusal(await _api.PostAsync(staff, $"/api/halls/{hallId}/windows/w1/finish")));
        Assert.Equal((404, "not_found"), Refusal(await _api.PostAsync(staff, $"/api/halls/{hallId}/windows/w9/call-next")));
        (await _api.PostAsync(staff, $"/api/halls/{hallId}/windows/w2/pause")).EnsureStatus(200);
        Assert.Equal((409, "window_paused"), Refusal(await _api.PostAsync(staff, $"/api/halls/{hallId}/windows/w2/call-next")));

        Assert.Equal("idle", (string?)(await _api.GetAsync(staff, $"/api/halls/{hallId}/windows/w1")).EnsureStatus(200).Body!["status"]);
        Assert.Equal((1, 1, 1), await QueueAsync(admin, hallId, "B"));
    }

    [Fact]
    public async Task RolesAreCheckedPerHallAndARefusedCallChangesNothing()
    {
        var (hallId, admin, staff) = await HallAsync();
        var memberId = HallApi.NewId("mem");
        var member = await server.TokenAsync(memberId);
        var hallAdmin = await server.TokenAsync(HallApi.NewId("ha"), "hall_admin");
        var ticket = (await _api.PostAsync(member, $"/api/halls/{hallId}/tickets", new { queueId = "A" })).EnsureStatus(201).Body!;

        Assert.Equal((403, "forbidden"), Refusal(await _api.PostAsync(member, "/api/halls", new { hallId = HallApi.NewId("h"), name = "x" })));
        Assert.Equal((403, "forbidden"), Refusal(await _api.PostAsync(member, $"/api/halls/{hallId}/windows/w1/call-next")));
        Assert.Equal((403, "forbidden"), Refusal(await _api.PostAsync(member, $"/api/halls/{hallId}/tickets", new { queueId = "A", memberId = "someone-else" })));
        Assert.Equal((403, "forbidden"), Refusal(await _api.PostAsync(staff, $"/api/halls/{hallId}/screens", new { name = "x" })));
        Assert.Equal((403, "forbidden"), Refusal(await _api.PostAsync(staff, $"/api/halls/{hallId}/queues", new { queueId = "C", name = "x", prefix = "C" })));
        Assert.Equal((403, "forbidden"), Refusal(await _api.PostAsync(hallAdmin, $"/api/halls/{hallId}/windows/w1/call-next")));
        Assert.Equal((403, "forbidden"), Refusal(await _api.GetAsync(await server.TokenAsync(HallApi.NewId("mem")), $"/api/halls/{hallId}/tickets/{ticket["ticketId"]}")));
        Assert.Equal((403, "forbidden"), Refusal(await _api.GetAsync(member, $"/api/halls/{hallId}/stats")));

        // A member reads the hall to choose a queue, but not who works there.
        var seen = (await _api.GetAsync(member, $"/api/halls/{hallId}")).EnsureStatus(200).Body!;
        Assert.Equal(2, seen["queues"]!.AsArray().Count);
        Assert.Empty(seen["people"]!["staff"]!.AsArray());
        Assert.Single((await _api.GetAsync(admin, $"/api/halls/{hallId}")).EnsureStatus(200).Body!["people"]!["staff"]!.AsArray());
        Assert.Equal(2, (await _api.GetAsync(admin, $"/api/halls/{hallId}")).Body!["queues"]!.AsArray().Count);
        Assert.Equal("idle", (string?)(await _api.GetAsync(staff, $"/api/halls/{hallId}/windows/w1")).Body!["status"]);

        // hall_admin may create halls, and is their first admin.
        var created = HallApi.NewId("h");
        (await _api.PostAsync(hallAdmin, "/api/halls", new { hallId = created, name = "新大厅" })).EnsureStatus(201);
        (await _api.PostAsync(hallAdmin, $"/api/halls/{created}/queues", new { queueId = "A", name = "会员业务", prefix = "A" })).EnsureStatus(200);
    }

    [Fact]
    public async Task BadInputIsRefusedWithInvalidAndTheFieldsAndStoresNothing()
    {
        var (hallId, admin, staff) = await HallAsync();
        using var notJson = new StringContent("{\"queueId\":", Encoding.UTF8, "application/json");
        var malformed = await _api.PostAsync(staff, $"/api/halls/{hallId}/tickets", notJson);
        Assert.Equal((400, "invalid"), Refusal(malformed));
        Assert.NotNull(malformed.Body!["errors"]!["body"]);
        using var plain = new StringContent("queueId=A", Encoding.UTF8, "text/plain");
        Assert.Equal((400, "invalid"), Refusal(await _api.PostAsync(staff, $"/api/halls/{hallId}/tickets", plain)));
        Assert.NotNull((await _api.PostAsync(staff, $"/api/halls/{hallId}/tickets", new { queueId = "a/b" })).Body!["errors"]!["queueId"]);
        Assert.Equal((400, "invalid"), Refusal(await _api.PostAsync(admin, "/api/halls", new { hallId = "bad id", name = "x" })));
        Assert.Equal((400, "invalid"), Refusal(await _api.PostAsync(admin, $"/api/halls/{hallId}/queues", new { queueId = "C", name = "x", prefix = "TOOLONG" })));
        Assert.Equal((400, "invalid"), Refusal(await _api.PostAsync(admin, $"/api/halls/{hallId}/queues", new { queueId = "C", name = "x", prefix = "C", dailyQuota = 0 })));
        Assert.Equal((404, "not_found"), Refusal(await _api.PostAsync(admin, $"/api/halls/{hallId}/windows", new { windowId = "w3", name = "3号窗口", queueIds = new[] { "Z" } })));
        Assert.Equal((400, "invalid"), Refusal(await _api.GetAsync(staff, $"/api/halls/{hallId}/stats?day=yesterday")));
        Assert.Equal((400, "invalid"), Refusal(await _api.GetAsync(staff, $"/api/halls/{hallId}/tickets/not-a-ticket")));
        Assert.Equal((409, "already_exists"), Refusal(await _api.PostAsync(admin, "/api/halls", new { hallId, name = "again" })));
        using var huge = new StringContent($"{{\"queueId\":\"A\",\"memberId\":\"{new string('x', 20_000)}\"}}", Encoding.UTF8, "application/json");
        Assert.Equal((413, "too_large"), Refusal(await _api.PostAsync(staff, $"/api/halls/{hallId}/tickets", huge)));

        var hall = (await _api.GetAsync(admin, $"/api/halls/{hallId}")).EnsureStatus(200).Body!;
        Assert.Equal(("职工服务大厅", 2, 2), ((string?)hall["name"], hall["queues"]!.AsArray().Count, hall["windows"]!.AsArray().Count));
        Assert.Equal((0, 0, -1), await QueueAsync(admin, hallId, "A"));
    }

    [Fact]
    public async Task ARatingIsTheTicketMembersOnceAndOnlyForAServedTicket()
    {
        var (hallId, _, staff) = await HallAsync();
        var member = await server.TokenAsync(HallApi.NewId("mem"));
        var other = await server.TokenAsync(HallApi.NewId("mem"));
        var ticketId = (string)(await _api.PostAsync(member, $"/api/halls/{hallId}/tickets", new { queueId = "A" })).EnsureStatus(201).Body!["ticketId"]!;
        var rating = $"/api/halls/{hallId}/tickets/{ticketId}/rating";

        Assert.Equal((409, "ticket_state"), Refusal(await _api.PostAsync(member, rating, new { score = "satisfied" })));
        (await _api.PostAsync(staff, $"/api/halls/{hallId}/windows/w1/call-next")).EnsureStatus(200);
        (await _api.PostAsync(staff, $"/api/halls/{hallId}/windows/w1/finish")).EnsureStatus(200);
        Assert.Equal((403, "forbidden"), Refusal(await _api.PostAsync(other, rating, new { score = "satisfied" })));
        Assert.Equal((400, "invalid"), Refusal(await _api.PostAsync(member, rating, new { score = "great" })));
        Assert.Equal((400, "invalid"), Refusal(await _api.PostAsync(member, rating, new { score = 1 })));
        Assert.Equal((400, "invalid"), Refusal(await _api.PostAsync(member, rating, new { comment = "no score" })));
        (await _api.PostAsync(member, rating, new { score = "satisfied" })).EnsureStatus(200);
        Assert.Equal((409, "ticket_state"), Refusal(await _api.PostAsync(member, rating, new { score = "unsatisfied" })));

        Assert.Equal("satisfied", (string?)(await _api.GetAsync(member, $"/api/halls/{hallId}/tickets/{ticketId}")).Body!["rating"]!["score"]);
    }

    private static (int, string?) Refusal(HallResponse response) => ((int)response.Status, response.Code);

    private async Task<(string HallId, string Admin, string Staff)> HallAsync()
    {
        var admin = await server.TokenAsync(HallApi.NewId("adm"), "admin");
        var staffId = HallApi.NewId("staff");
        var hallId = await _api.CreateHallAsync(admin, staffId);
        return (hallId, admin, await server.TokenAsync(staffId));
    }

    /// <summary>Today's (issued, waiting, quota left or -1) of a queue, from a staff subscription's snapshot.</summary>
    private async Task<(int Issued, int Waiting, int QuotaLeft)> QueueAsync(string admin, string hallId, string queueId)
    {
        await using var hub = await _api.ConnectAsync(admin);
        var queue = (await hub.InvokeAsync("subscribe", hallId))!["queues"]!.AsArray().Single(q => (string?)q!["queueId"] == queueId)!;
        return ((int)queue["issued"]!, (int)queue["waiting"]!, (int?)queue["quotaLeft"] ?? -1);
    }
}
