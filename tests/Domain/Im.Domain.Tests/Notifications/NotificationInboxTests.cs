using Im.Domain.Notifications;
using Im.Domain.Tests.Support;

namespace Im.Domain.Tests.Notifications;

public sealed class NotificationInboxTests : ChatTestBase
{
    [Fact]
    public async Task RaisingTheSameIdTwiceStoresAndDeliversItOnce()
    {
        var member = Unique("ann");
        var inbox = Inbox(member);

        var first = await inbox.RaiseAsync(Notice("n1", "approval.assigned"));
        var again = await inbox.RaiseAsync(Notice("n1", "approval.assigned") with { Title = "changed" });

        Assert.Equal((first.Id, first.Title, first.CreatedAt), (again.Id, again.Title, again.CreatedAt));
        Assert.Equal("title n1", again.Title);
        Assert.Equal("doc-7", again.Data["documentId"]);
        var page = await inbox.ListAsync(new NotificationQuery());
        Assert.Equal(["n1"], page.Notifications.Select(n => n.Id));
        Assert.Equal(1, page.UnreadCount);
        var delivered = Assert.Single(Host.Edge.Notifications);
        Assert.Equal((member, first.Id, first.CreatedAt), (delivered.MemberId, delivered.Notification.Id, delivered.Notification.CreatedAt));
    }

    [Fact]
    public async Task ListingPagesAfterACreationTimeInOrderAndTheNewestWithoutOne()
    {
        var inbox = Inbox(Unique("bob"));
        var raised = new List<Notification>();
        for (var i = 0; i < 5; i++)
        {
            raised.Add(await inbox.RaiseAsync(Notice($"n{i}", "hall.called")));
        }

        var newest = await inbox.ListAsync(new NotificationQuery(Limit: 2));
        var after = await inbox.ListAsync(new NotificationQuery(raised[1].CreatedAt, 2));
        var rest = await inbox.ListAsync(new NotificationQuery(after.Notifications[^1].CreatedAt));

        Assert.Equal(("n3,n4", true), (Ids(newest), newest.HasMore));
        Assert.Equal(("n2,n3", true), (Ids(after), after.HasMore));
        Assert.Equal(("n4", false), (Ids(rest), rest.HasMore));
        Assert.True(raised.Zip(raised.Skip(1)).All(p => p.First.CreatedAt < p.Second.CreatedAt));
    }

    [Fact]
    public async Task MarkingReadLowersTheUnreadCountAndSurvivesARestart()
    {
        var member = Unique("cid");
        for (var i = 0; i < 3; i++)
        {
            await Inbox(member).RaiseAsync(Notice($"n{i}", "approval.urged"));
        }

        Assert.Equal(1, await Inbox(member).MarkReadAsync(["n0", "n2", "unknown"]));
        Assert.Equal(1, await Inbox(member).MarkReadAsync(["n0"]));

        await Host.DisposeAsync();
        Host = await ChatHost.StartAsync(Store);
        var page = await Inbox(member).ListAsync(new NotificationQuery());
        Assert.Equal([true, false, true], page.Notifications.Select(n => n.Read));
        Assert.Equal(1, await Inbox(member).GetUnreadCountAsync());
    }

    [Fact]
    public async Task TheInboxKeepsOnlyTheNewestNotices()
    {
        var inbox = Inbox(Unique("dan"));
        for (var i = 0; i < NotificationInboxGrain.Capacity + 3; i++)
        {
            await inbox.RaiseAsync(Notice($"n{i}", "office.notice"));
        }

        var page = await inbox.ListAsync(new NotificationQuery(DateTimeOffset.MinValue, NotificationInboxGrain.MaxPage));
        Assert.Equal("n3", page.Notifications[0].Id);
        Assert.Equal(NotificationInboxGrain.Capacity, page.UnreadCount);
    }

    [Fact]
    public async Task BadNoticesAreRefusedAndStoreNothing()
    {
        var inbox = Inbox(Unique("eve"));

        await Refusal.ExpectAsync("invalid", () => inbox.RaiseAsync(Notice("", "approval.assigned")));
        await Refusal.ExpectAsync("invalid", () => inbox.RaiseAsync(Notice("n1", "")));
        await Refusal.ExpectAsync("invalid", () => inbox.ListAsync(new NotificationQuery(Limit: 0)));

        Assert.Empty((await inbox.ListAsync(new NotificationQuery())).Notifications);
    }

    private INotificationInboxGrain Inbox(string memberId) => Host.Factory.GetGrain<INotificationInboxGrain>(memberId);

    private static NewNotification Notice(string id, string kind) =>
        new(kind, id, $"title {id}", $"body {id}", new Dictionary<string, string> { ["documentId"] = "doc-7" });

    private static string Ids(NotificationPage page) => string.Join(',', page.Notifications.Select(n => n.Id));

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..16];
}
