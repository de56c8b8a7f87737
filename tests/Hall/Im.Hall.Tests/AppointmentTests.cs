using Im.Domain.Errors;
using Im.Hall.Errors;
using Im.Hall.Halls;
using Im.Hall.Tests.Support;
using Im.Hall.Tickets;

namespace Im.Hall.Tests;

public sealed class AppointmentTests : HallTestBase
{
    [Fact]
    public async Task AnAppointmentCheckedInWithinItsSlotIsCalledBeforeEarlierWalkIns()
    {
        await CreateHallAsync();
        var queue = Host.QueueDay(HallId, "a", await TodayAsync());
        var now = Clock.GetUtcNow();
        var ann = await queue.BookAsync(new AppointmentRequest("ann", now.AddMinutes(5), now.AddMinutes(35)));
        var walkIns = new[] { await queue.IssueAsync(new IssueRequest("bob")), await queue.IssueAsync(new IssueRequest(null)) };
        Clock.Advance(TimeSpan.FromMinutes(6));

        var checkedIn = await queue.IssueAsync(new IssueRequest("ann", ann.AppointmentId));
        var first = await Host.Window(HallId, "w1").CallNextAsync();
        var second = await Host.Window(HallId, "w1").CallNextAsync();

        Assert.Equal(("A003", true, 0), (checkedIn.TicketNumber, checkedIn.Priority, checkedIn.Position));
        Assert.Equal(checkedIn.TicketId, first.TicketId);
        Assert.Equal(walkIns[0].TicketId, second.TicketId);
        Assert.Equal(checkedIn.TicketId, (await queue.GetAppointmentAsync(ann.AppointmentId)).TicketId);
        Assert.Equal(checkedIn.TicketId, (await queue.IssueAsync(new IssueRequest("ann", ann.AppointmentId))).TicketId);
    }

    [Fact]
    public async Task AnAppointmentIsRefusedBeforeItsSlotAndQueuesAsAWalkInAfterIt()
    {
        await CreateHallAsync();
        var queue = Host.QueueDay(HallId, "a", await TodayAsync());
        var now = Clock.GetUtcNow();
        var early = await queue.BookAsync(new AppointmentRequest("ann", now.AddMinutes(30), now.AddMinutes(60)));
        var missed = await queue.BookAsync(new AppointmentRequest("bob", now.AddMinutes(5), now.AddMinutes(10)));
        var before = await Stored.SnapshotAsync(Host, Stored.QueueDay(HallId, "a", await TodayAsync()));

        await Refusal.ExpectAsync(HallErrorCodes.TooEarly, () => queue.IssueAsync(new IssueRequest("ann", early.AppointmentId)));
        await Refusal.ExpectAsync(ErrorCodes.Forbidden, () => queue.IssueAsync(new IssueRequest("cat", missed.AppointmentId)));
        await Refusal.ExpectAsync(ErrorCodes.NotFound, () => queue.IssueAsync(new IssueRequest("cat", "20260105-a-A99")));

        Assert.Equal(before, await Stored.SnapshotAsync(Host, Stored.QueueDay(HallId, "a", await TodayAsync())));
        Clock.Advance(TimeSpan.FromMinutes(11));
        var walkIn = await queue.IssueAsync(new IssueRequest("cat"));
        Clock.Advance(TimeSpan.FromMinutes(1));
        var late = await queue.IssueAsync(new IssueRequest(null, missed.AppointmentId));
        Assert.Equal((false, 1, "bob"), (late.Priority, late.Position, late.MemberId));
        Assert.Equal(walkIn.TicketId, (await Host.Window(HallId, "w1").CallNextAsync()).TicketId);
        Assert.Equal(late.TicketId, (await Host.Window(HallId, "w1").CallNextAsync()).TicketId);
    }

    [Fact]
    public async Task AWindowServingSeveralQueuesCallsCheckedInAppointmentsOfAnyOfThemFirst()
    {
        await CreateHallAsync();
        await Host.Hall(HallId).PutWindowAsync(new WindowSetup("w3", "Window 3", ["a", "b"]));
        var day = await TodayAsync();
        var now = Clock.GetUtcNow();
        var booked = await Host.QueueDay(HallId, "b", day).BookAsync(new AppointmentRequest("ann", now, now.AddMinutes(30)));
        var walkIn = await Host.QueueDay(HallId, "a", day).IssueAsync(new IssueRequest("bob"));
        var appointment = await Host.QueueDay(HallId, "b", day).IssueAsync(new IssueRequest("ann", booked.AppointmentId));
        var window = Host.Window(HallId, "w3");

        Assert.Equal(appointment.TicketId, (await window.CallNextAsync()).TicketId);
        Assert.Equal(walkIn.TicketId, (await window.CallNextAsync()).TicketId);
    }

    [Fact]
    public async Task BookingIsRefusedOutsideTheDayTwiceForAMemberAndForASlotThatIsOver()
    {
        await CreateHallAsync();
        var day = await TodayAsync();
        var queue = Host.QueueDay(HallId, "a", day);
        var now = Clock.GetUtcNow();
        await queue.BookAsync(new AppointmentRequest("ann", now.AddMinutes(10), now.AddMinutes(20)));
        var before = await Stored.SnapshotAsync(Host, Stored.QueueDay(HallId, "a", day));

        await Refusal.ExpectAsync(HallErrorCodes.DuplicateTicket, () => queue.BookAsync(new AppointmentRequest("ann", now.AddMinutes(30), now.AddMinutes(40))));
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => queue.BookAsync(new AppointmentRequest("bob", now.AddHours(8), now.AddHours(9))));
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => queue.BookAsync(new AppointmentRequest("bob", now.AddMinutes(-20), now.AddMinutes(-10))));
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => queue.BookAsync(new AppointmentRequest("bob", now.AddMinutes(20), now.AddMinutes(10))));
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => queue.BookAsync(new AppointmentRequest("bob?", now.AddMinutes(10), now.AddMinutes(20))));

        Assert.Equal(before, await Stored.SnapshotAsync(Host, Stored.QueueDay(HallId, "a", day)));
        var tomorrow = await Host.QueueDay(HallId, "a", day.AddDays(1)).BookAsync(new AppointmentRequest("bob", now.AddHours(18), now.AddHours(19)));
        Assert.Equal($"{day.AddDays(1):yyyyMMdd}-a-A1", tomorrow.AppointmentId);
    }
}
