using Im.Hall.Notices;
using Im.Hall.Tests.Support;
using Im.Hall.Tickets;

namespace Im.Hall.Tests;

public sealed class GetReadyTests : HallTestBase
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } =
        new Dictionary<string, string?> { ["Hall:GetReadyCount"] = "2" };

    [Fact]
    public async Task TheFirstWaitingMembersAreToldToGetReadyEachTicketOnce()
    {
        await CreateHallAsync();
        var queue = Host.QueueDay(HallId, "a", await TodayAsync());
        await queue.IssueAsync(new IssueRequest(null));
        var ann = await queue.IssueAsync(new IssueRequest("ann"));
        var bob = await queue.IssueAsync(new IssueRequest("bob"));
        var cat = await queue.IssueAsync(new IssueRequest("cat"));
        var toldBeforeCalls = Host.Edge.Notifications.Select(n => n.MemberId).ToList();

        var window = Host.Window(HallId, "w1");
        await window.CallNextAsync();
        await window.CallNextAsync();
        var toldAfterAnnWasCalled = Host.Edge.Notifications.Where(n => n.Notification.Kind == HallNotices.GetReadyKind).Select(n => n.MemberId).ToList();
        await window.CallNextAsync();
        await window.CallNextAsync();

        Assert.Equal(["ann", "bob"], toldBeforeCalls);
        Assert.Equal(["ann", "bob", "cat"], toldAfterAnnWasCalled);
        var readies = Host.Edge.Notifications.Where(n => n.Notification.Kind == HallNotices.GetReadyKind).ToList();
        Assert.Equal([ann.TicketId, bob.TicketId, cat.TicketId], readies.Select(n => n.Notification.Data["ticketId"]));
        Assert.Equal(["1", "2", "1"], readies.Select(n => n.Notification.Data["position"]));
    }
}
