using System.Globalization;
using Im.Hall.Halls;
using Im.Hall.Tickets;
using Im.Hall.Windows;

namespace Im.Hall.Notices;

/// <summary>
/// The hall's notices. Each id names its event, so a notice raised twice (a retried call,
/// a reminder delivered again) is stored and delivered once by the inbox.
/// </summary>
public static class HallNotices
{
    public const string Called = "hall.called";
    public const string GetReadyKind = "hall.get_ready";
    public const string WindowPaused = "hall.window_paused";
    public const string RatingUnsatisfiedKind = "hall.rating_unsatisfied";

    public static HallNotice TicketCalled(HallCall call, string windowName)
    {
        ArgumentNullException.ThrowIfNull(call);
        return new HallNotice(
            Called,
            $"{Called}:{call.TicketId}:{call.CallCount.ToString(CultureInfo.InvariantCulture)}",
            $"{call.TicketNumber}, please go to {windowName}",
            call.CallCount > 1 ? $"Your number {call.TicketNumber} is called again to {windowName}." : $"Your number {call.TicketNumber} is called to {windowName}.",
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["hallId"] = call.HallId,
                ["queueId"] = call.QueueId,
                ["windowId"] = call.WindowId,
                ["ticketId"] = call.TicketId,
                ["ticketNumber"] = call.TicketNumber,
                ["callCount"] = call.CallCount.ToString(CultureInfo.InvariantCulture),
            });
    }

    public static HallNotice GetReady(string hallId, string? hallName, Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return new HallNotice(
            GetReadyKind,
            $"{GetReadyKind}:{ticket.TicketId}",
            $"{ticket.TicketNumber}: get ready",
            $"{ticket.Position.ToString(CultureInfo.InvariantCulture)} ahead of you{(hallName is null ? "" : $" at {hallName}")}. Please stay close.",
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["hallId"] = hallId,
                ["queueId"] = ticket.QueueId,
                ["ticketId"] = ticket.TicketId,
                ["ticketNumber"] = ticket.TicketNumber,
                ["position"] = ticket.Position.ToString(CultureInfo.InvariantCulture),
            });
    }

    /// <summary>One per pause: the id carries when the pause began.</summary>
    public static HallNotice Paused(WindowStatusView window, DateTimeOffset pausedAt, TimeSpan after)
    {
        ArgumentNullException.ThrowIfNull(window);
        return new HallNotice(
            WindowPaused,
            $"{WindowPaused}:{window.HallId}/{window.WindowId}:{pausedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}",
            $"{window.Name} is paused",
            $"{window.Name} has been paused for more than {after.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture)} minutes.",
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["hallId"] = window.HallId,
                ["windowId"] = window.WindowId,
                ["pausedAt"] = pausedAt.ToString("O", CultureInfo.InvariantCulture),
            });
    }

    public static HallNotice RatingUnsatisfied(HallInfo hall, Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(hall);
        ArgumentNullException.ThrowIfNull(ticket);
        var data = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["hallId"] = hall.HallId,
            ["queueId"] = ticket.QueueId,
            ["ticketId"] = ticket.TicketId,
            ["ticketNumber"] = ticket.TicketNumber,
        };
        if (ticket.WindowId is not null)
        {
            data["windowId"] = ticket.WindowId;
        }

        if (ticket.Rating?.Comment is { } comment)
        {
            data["comment"] = comment;
        }

        return new HallNotice(
            RatingUnsatisfiedKind,
            $"{RatingUnsatisfiedKind}:{ticket.TicketId}",
            $"Unsatisfied rating at {hall.Name}",
            $"Ticket {ticket.TicketNumber}{(ticket.WindowId is null ? "" : $" at window {ticket.WindowId}")} was rated unsatisfied.",
            data);
    }
}
