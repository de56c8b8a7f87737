using Microsoft.AspNetCore.SignalR;

namespace Im.Bench.BareHub;

/// <summary>
/// A call-number system with nothing behind it but one durable row: taking a number commits
/// a row and answers; calling one commits a row and sends a Call-shaped <c>ticketCalled</c>
/// to every connection in the hall's group, the bytes Im's screens get.
/// </summary>
public static class HallFloor
{
    public const string HallGroup = "hall";

    public static WebApplication MapHallFloor(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/bench/tickets", async (TicketRequest request, DurableFloor floor, CancellationToken cancellationToken) =>
        {
            var number = await floor.AppendAsync("ticket", request.QueueId, cancellationToken);
            return new FloorTicket($"{request.QueueId}-{number}", $"A{number:000}", request.QueueId, 0, DateTimeOffset.UtcNow);
        });
        app.MapPost("/bench/calls", async (CallRequest request, DurableFloor floor, IHubContext<FloorHub> hub, CancellationToken cancellationToken) =>
        {
            var number = await floor.AppendAsync("call", request.WindowId, cancellationToken);
            var call = new FloorCall(HallGroup, $"A{number:000}", "q", request.WindowId, DateTimeOffset.UtcNow, 1);
            await hub.Clients.Group(HallGroup).SendAsync("ticketCalled", call, cancellationToken);
            return call;
        });
        return app;
    }

    public sealed record TicketRequest(string QueueId);

    public sealed record CallRequest(string WindowId);

    public sealed record FloorTicket(string TicketId, string TicketNumber, string QueueId, int Position, DateTimeOffset IssuedAt);

    public sealed record FloorCall(string HallId, string TicketNumber, string QueueId, string WindowId, DateTimeOffset CalledAt, int CallCount);
}
