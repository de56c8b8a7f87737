using Im.Hall.Notices;
using Im.Hall.Tests.Support;

namespace Im.Hall.Tests;

public sealed class InboxHallNotifierTests : HallTestBase
{
    [Fact]
    public async Task ANoticeIsRaisedInTheMembersInboxOnceByItsId()
    {
        var notifier = new InboxHallNotifier(Host.Factory);
        var notice = new HallNotice("hall.called", "hall.called:20260105-a-1:1", "A001, please go to Window 1", "Your number is called.", new Dictionary<string, string> { ["windowId"] = "w1" });

        await notifier.NotifyAsync("ann", notice, TestContext.Current.CancellationToken);
        await notifier.NotifyAsync("ann", notice, TestContext.Current.CancellationToken);

        var stored = Assert.Single(await Host.InboxOfAsync("ann"));
        Assert.Equal((notice.Kind, notice.Id, notice.Title, "w1"), (stored.Kind, stored.Id, stored.Title, stored.Data["windowId"]));
        Assert.Single(Host.Edge.NotificationsOf("ann"));
    }

    [Fact]
    public void AnIdLongerThanTheInboxKeepsBecomesTheKindAndADigestTheSameEveryTime()
    {
        var hallId = new string('h', 64);
        var notice = new HallNotice(HallNotices.WindowPaused, $"{HallNotices.WindowPaused}:{hallId}/{new string('w', 64)}:639000000000000000", "", "", new Dictionary<string, string>());
        var other = notice with { Id = notice.Id.Replace("639", "640", StringComparison.Ordinal) };

        var id = InboxHallNotifier.InboxId(notice);

        Assert.StartsWith($"{HallNotices.WindowPaused}:", id, StringComparison.Ordinal);
        Assert.True(id.Length <= InboxHallNotifier.MaxIdLength);
        Assert.Equal(id, InboxHallNotifier.InboxId(notice with { Title = "changed" }));
        Assert.NotEqual(id, InboxHallNotifier.InboxId(other));
        Assert.Equal("short:1", InboxHallNotifier.InboxId(notice with { Id = "short:1" }));
    }
}
