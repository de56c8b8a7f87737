using Im.Hall.Tests.Support;

namespace Im.Hall.Tests;

public sealed class TransferToTheBackTests : HallTestBase
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } =
        new Dictionary<string, string?> { ["Hall:TransferKeepsPlace"] = "false" };

    [Fact]
    public async Task ATransferredTicketGoesToTheBackWhenTransfersDoNotKeepPlaces()
    {
        var (moved, waitingBefore) = await TransferTests.TransferIntoABusyQueueAsync(Host, Clock);

        Assert.Equal(("A001", 2, Clock.GetUtcNow()), (moved.TicketNumber, moved.Position, moved.PlaceAt));
        Assert.Equal(waitingBefore[0].TicketId, (await Host.Window(HallId, "w2").CallNextAsync()).TicketId);
        Assert.Equal(waitingBefore[1].TicketId, (await Host.Window(HallId, "w2").CallNextAsync()).TicketId);
        Assert.Equal(moved.TicketId, (await Host.Window(HallId, "w2").CallNextAsync()).TicketId);
    }
}
