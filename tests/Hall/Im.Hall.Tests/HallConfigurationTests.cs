using Im.Domain.Errors;
using Im.Hall.Errors;
using Im.Hall.Halls;
using Im.Hall.Screens;
using Im.Hall.Tests.Support;
using Im.Hall.Tickets;

namespace Im.Hall.Tests;

public sealed class HallConfigurationTests : HallTestBase
{
    [Fact]
    public async Task AHallIsCreatedOnceWithItsCreatorAsAdminAndTheDefaultTimeZone()
    {
        var created = await Host.Hall(HallId).CreateAsync(Admin, new HallSetup("Central hall"));

        await Refusal.ExpectAsync(HallErrorCodes.AlreadyExists, () => Host.Hall(HallId).CreateAsync("someone", new HallSetup("Other")));
        Assert.Equal("Asia/Shanghai", created.TimeZone);
        Assert.Equal([Admin], created.People.Admins);
        Assert.Equivalent(created, await Host.Hall(HallId).GetAsync(), strict: true);
        Assert.Equal(HallRole.Admin, await Host.Hall(HallId).GetRoleAsync(Admin));
        Assert.Equal(HallRole.None, await Host.Hall("nowhere").GetRoleAsync(Admin));
        await Refusal.ExpectAsync(ErrorCodes.NotFound, () => Host.Hall("nowhere").GetAsync());
    }

    [Theory]
    [InlineData("bad id")]
    [InlineData("hall.1")]
    [InlineData("hall/1")]
    [InlineData("h123456789012345678901234567890123456789012345678901234567890abcd")]
    public async Task AHallIdOutsideTheAlphabetIsRefused(string hallId)
    {
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => Host.Hall(hallId).CreateAsync(Admin, new HallSetup("Central hall")));
    }

    [Fact]
    public async Task AHallWithABlankNameOrAnUnknownTimeZoneIsRefused()
    {
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => Host.Hall(HallId).CreateAsync(Admin, new HallSetup(" ")));
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => Host.Hall(HallId).CreateAsync(Admin, new HallSetup("Central", "Mars/Olympus")));
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => Host.Hall(HallId).CreateAsync("", new HallSetup("Central")));

        Assert.Null((await Host.StateStore.ReadAsync(Stored.HallType, HallId, CancellationToken.None)).Data);
    }

    public static TheoryData<QueueSetup> BadQueues =>
    [
        new QueueSetup("a/b", "Pensions", "A"),
        new QueueSetup(new string('q', 65), "Pensions", "A"),
        new QueueSetup("a", "", "A"),
        new QueueSetup("a", "Pensions", ""),
        new QueueSetup("a", "Pensions", "ABCDE"),
        new QueueSetup("a", "Pensions", "A-"),
        new QueueSetup("a", "Pensions", "A", DailyQuota: 0),
        new QueueSetup("a", "Pensions", "A", DailyQuota: 10_000),
        new QueueSetup("a", "Pensions", "A", OpeningHours: [new("9:00", "12:00")]),
        new QueueSetup("a", "Pensions", "A", OpeningHours: [new("09:00", "24:00")]),
        new QueueSetup("a", "Pensions", "A", OpeningHours: [new("12:00", "09:00")]),
        new QueueSetup("a", "Pensions", "A", OpeningHours: [new("09:00", "12:00"), new("11:30", "14:00")]),
    ];

    [Theory]
    [MemberData(nameof(BadQueues))]
    public async Task AQueueWithABadIdNamePrefixQuotaOrOpeningHoursIsRefusedAndChangesNothing(QueueSetup queue)
    {
        await CreateHallAsync();
        var before = await Stored.SnapshotAsync(Host, Stored.Hall(HallId));

        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => Host.Hall(HallId).PutQueueAsync(queue));

        Assert.Equal(before, await Stored.SnapshotAsync(Host, Stored.Hall(HallId)));
    }

    [Fact]
    public async Task PuttingAQueueOrWindowAgainUpdatesIt()
    {
        await CreateHallAsync();

        await Host.Hall(HallId).PutQueueAsync(new QueueSetup("a", "Pensions and care", "P9", 50, [new("08:30", "17:00")]));
        var info = await Host.Hall(HallId).PutWindowAsync(new WindowSetup("w1", "Window one", ["b", "a", "b"]));

        Assert.Equal(2, info.Queues.Count);
        Assert.Equal(("P9", 50), (info.Queues[0].Prefix, info.Queues[0].DailyQuota));
        Assert.Equal(["b", "a"], info.Windows.Single(w => w.WindowId == "w1").QueueIds);
    }

    [Fact]
    public async Task AWindowNamingAnUnknownQueueOrNoneIsRefused()
    {
        await CreateHallAsync();
        var before = await Stored.SnapshotAsync(Host, Stored.Hall(HallId));

        await Refusal.ExpectAsync(ErrorCodes.NotFound, () => Host.Hall(HallId).PutWindowAsync(new WindowSetup("w3", "Window 3", ["a", "zz"])));
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => Host.Hall(HallId).PutWindowAsync(new WindowSetup("w3", "Window 3", [])));
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => Host.Hall(HallId).PutWindowAsync(new WindowSetup("w/3", "Window 3", ["a"])));

        Assert.Equal(before, await Stored.SnapshotAsync(Host, Stored.Hall(HallId)));
    }

    [Fact]
    public async Task PeopleDecideRolesAndBadMemberIdsAreRefused()
    {
        await CreateHallAsync();

        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => Host.Hall(HallId).SetPeopleAsync(new HallPeople([Admin], ["no spaces"], [])));
        await Host.Hall(HallId).SetPeopleAsync(new HallPeople([Admin], ["staff-1", "staff-1"], [Supervisor]));

        Assert.Equal(HallRole.Staff, await Host.Hall(HallId).GetRoleAsync("staff-1"));
        Assert.Equal(HallRole.None, await Host.Hall(HallId).GetRoleAsync(Supervisor));
        Assert.Equal(["staff-1"], (await Host.Hall(HallId).GetAsync()).People.Staff);
    }

    [Fact]
    public async Task ScreensAreRegisteredForTheHallOrAWindowAndStayRemoved()
    {
        await CreateHallAsync();
        var hall = Host.Hall(HallId);

        var lobby = await hall.AddScreenAsync(new ScreenSetup("Lobby"));
        var counter = await hall.AddScreenAsync(new ScreenSetup(null, "w1"));
        await Refusal.ExpectAsync(ErrorCodes.NotFound, () => hall.AddScreenAsync(new ScreenSetup("Ghost", "w9")));
        await hall.RemoveScreenAsync(lobby.ScreenId);
        await hall.RemoveScreenAsync(lobby.ScreenId);
        await Refusal.ExpectAsync(ErrorCodes.NotFound, () => hall.RemoveScreenAsync("unknown"));

        Assert.Equal((HallId, "w1"), (counter.HallId, counter.WindowId));
        Assert.NotEqual(lobby.ScreenId, counter.ScreenId);
        Assert.False(await hall.IsScreenActiveAsync(lobby.ScreenId));
        Assert.True(await hall.IsScreenActiveAsync(counter.ScreenId));
        Assert.False(await Host.Hall("nowhere").IsScreenActiveAsync(counter.ScreenId));
    }

    [Fact]
    public async Task TicketsOfAnUnknownHallOrQueueAreNotFound()
    {
        await CreateHallAsync();
        var day = await TodayAsync();

        await Refusal.ExpectAsync(ErrorCodes.NotFound, () => Host.QueueDay("nowhere", "a", day).IssueAsync(new IssueRequest("ann")));
        await Refusal.ExpectAsync(ErrorCodes.NotFound, () => Host.QueueDay(HallId, "zz", day).IssueAsync(new IssueRequest("ann")));
        await Refusal.ExpectAsync(ErrorCodes.NotFound, () => Host.Window(HallId, "w9").CallNextAsync());
        await Refusal.ExpectAsync(ErrorCodes.NotFound, () => Host.QueueDay(HallId, "a", day).GetTicketAsync("20260105-a-7"));
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => Host.QueueDay(HallId, "a", day).IssueAsync(new IssueRequest("a member")));
    }
}
