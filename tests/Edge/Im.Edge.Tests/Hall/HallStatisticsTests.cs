using Im.Edge.Tests.Chat;

namespace Im.Edge.Tests.Hall;

/// <summary>A day's figures per queue and per window, as JSON and as a CSV file, and appointments booked and checked in.</summary>
public sealed class HallStatisticsTests(ChatServer server) : IClassFixture<ChatServer>
{
    private readonly HallApi _api = new(server);

    [Fact]
    public async Task TheDaysFiguresCountIssuedServedSkippedAndRatingsPerQueueAndPerWindow()
    {
        await NowAwayFromTheHallsMidnightAsync();
        var admin = await server.TokenAsync(HallApi.NewId("adm"), "admin");
        var (staffId, supervisorId, memberId) = (HallApi.NewId("staff"), HallApi.NewId("sup"), HallApi.NewId("mem"));
        var hallId = await _api.CreateHallAsync(admin, staffId);
        (await _api.SendAsync(admin, HttpMethod.Put, $"/api/halls/{hallId}/people", new { admins = Array.Empty<string>(), staff = new[] { staffId }, supervisors = new[] { supervisorId } })).EnsureStatus(200);
        var (staff, supervisor, member) = (await server.TokenAsync(staffId), await server.TokenAsync(supervisorId), await server.TokenAsync(memberId));
        var served = (string)(await _api.PostAsync(member, $"/api/halls/{hallId}/tickets", new { queueId = "A" })).EnsureStatus(201).Body!["ticketId"]!;
        (await _api.PostAsync(staff, $"/api/halls/{hallId}/tickets", new { queueId = "A" })).EnsureStatus(201);
        (await _api.PostAsync(staff, $"/api/halls/{hallId}/windows/w1/call-next")).EnsureStatus(200);
        (await _api.PostAsync(staff, $"/api/halls/{hallId}/windows/w1/finish")).EnsureStatus(200);
        (await _api.PostAsync(staff, $"/api/halls/{hallId}/windows/w2/call-next")).EnsureStatus(200);
        (await _api.PostAsync(staff, $"/api/halls/{hallId}/windows/w2/skip")).EnsureStatus(200);
        (await _api.PostAsync(member, $"/api/halls/{hallId}/tickets/{served}/rating", new { score = "unsatisfied", comment = "等太久" })).EnsureStatus(200);

        var stats = (await _api.GetAsync(supervisor, $"/api/halls/{hallId}/stats")).EnsureStatus(200).Body!;
        var queueA = stats["queues"]!.AsArray().Single(q => (string?)q!["id"] == "A")!;
        Assert.Equal((2, 2, 1, 1, 1), ((int)queueA["issued"]!, (int)queueA["called"]!, (int)queueA["served"]!, (int)queueA["skipped"]!, (int)queueA["unsatisfied"]!));
        Assert.NotNull((double?)queueA["waitAvgSeconds"]);
        var windows = stats["windows"]!.AsArray();
        Assert.Equal(["w1", "w2"], windows.Select(w => (string?)w!["id"]));
        Assert.Equal((1, 0), ((int)windows[0]!["served"]!, (int)windows[0]!["skipped"]!));
        Assert.Equal((0, 1), ((int)windows[1]!["served"]!, (int)windows[1]!["skipped"]!));

        var csv = (await _api.GetAsync(staff, $"/api/halls/{hallId}/stats/csv?day={(string?)stats["day"]}")).EnsureStatus(200);
        Assert.StartsWith("text/csv", csv.ContentType, StringComparison.Ordinal);
        Assert.Contains("attachment", csv.ContentHeaders.ContentDisposition!.ToString(), StringComparison.Ordinal);
        var lines = csv.Text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("scope,id,issued,called,served,skipped,transferred,", lines[0], StringComparison.Ordinal);
        Assert.Equal(["queue,A,2,2,1,1,0", "queue,B,0,0,0,0,0", "window,w1,,1,1,0,0", "window,w2,,1,0,1,0"], lines[1..].Select(l => string.Join(',', l.Split(',')[..7])));

        // Another day of the same hall has its own (empty) figures.
        var yesterday = DateOnly.Parse((string)stats["day"]!, System.Globalization.CultureInfo.InvariantCulture).AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var before = (await _api.GetAsync(admin, $"/api/halls/{hallId}/stats?day={yesterday}")).EnsureStatus(200).Body!;
        Assert.All(before["queues"]!.AsArray(), q => Assert.Equal(0, (int)q!["issued"]!));
    }

    [Fact]
    public async Task AMemberBooksAnAppointmentForThemselvesAndChecksInWithIt()
    {
        var admin = await server.TokenAsync(HallApi.NewId("adm"), "admin");
        var staffId = HallApi.NewId("staff");
        var hallId = await _api.CreateHallAsync(admin, staffId);
        var memberId = HallApi.NewId("mem");
        var member = await server.TokenAsync(memberId);
        var stranger = await server.TokenAsync(HallApi.NewId("mem"));
        var (now, slotEnd) = await SlotFromNowWithinTheHallsDayAsync();

        var booked = (await _api.PostAsync(member, $"/api/halls/{hallId}/queues/A/appointments", new { slotStart = now, slotEnd })).EnsureStatus(201).Body!;
        var appointmentId = (string)booked["appointmentId"]!;
        Assert.Equal(memberId, (string?)booked["memberId"]);
        var forOther = await _api.PostAsync(member, $"/api/halls/{hallId}/queues/A/appointments", new { memberId = "someone", slotStart = now, slotEnd });
        Assert.Equal((403, "forbidden"), ((int)forOther.Status, forOther.Code));
        Assert.Equal("forbidden", (await _api.GetAsync(stranger, $"/api/halls/{hallId}/appointments/{appointmentId}")).Code);
        Assert.Equal("forbidden", (await _api.PostAsync(stranger, $"/api/halls/{hallId}/tickets", new { queueId = "A", appointmentId })).Code);

        var ticket = (await _api.PostAsync(member, $"/api/halls/{hallId}/tickets", new { queueId = "A", appointmentId })).EnsureStatus(201).Body!;
        Assert.Equal(appointmentId, (string?)ticket["appointmentId"]);
        Assert.Equal((string?)ticket["ticketId"], (string?)(await _api.GetAsync(member, $"/api/halls/{hallId}/appointments/{appointmentId}")).EnsureStatus(200).Body!["ticketId"]);
    }

    /// <summary>
    /// A slot that starts now, so it is open for check-in, and ends within the hall's local day
    /// at most 30 minutes later: a slot may not cross midnight.
    /// </summary>
    private static async Task<(DateTimeOffset Start, DateTimeOffset End)> SlotFromNowWithinTheHallsDayAsync()
    {
        var (now, midnight) = await NowAwayFromTheHallsMidnightAsync();
        var end = now.AddMinutes(30);
        return (now, end < midnight ? end : midnight);
    }

    /// <summary>
    /// Now and the hall's next local midnight (the default time zone's), at least two minutes
    /// apart: in the day's last two minutes the test waits for the next day instead, so that
    /// what it does and the day it reads about are the same day.
    /// </summary>
    private static async Task<(DateTimeOffset Now, DateTimeOffset Midnight)> NowAwayFromTheHallsMidnightAsync()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(new Im.Hall.Halls.HallOptions().DefaultTimeZone);
        var now = DateTimeOffset.UtcNow;
        var midnight = NextMidnight(now);
        if (midnight - now < TimeSpan.FromMinutes(2))
        {
            await Task.Delay(midnight - now + TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
            now = DateTimeOffset.UtcNow;
            midnight = NextMidnight(now);
        }

        return (now, midnight);

        DateTimeOffset NextMidnight(DateTimeOffset instant) =>
            new(TimeZoneInfo.ConvertTimeToUtc(TimeZoneInfo.ConvertTime(instant, zone).Date.AddDays(1), zone), TimeSpan.Zero);
    }
}
