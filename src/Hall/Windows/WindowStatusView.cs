namespace Im.Hall.Windows;

/// <summary>
/// A window as screens show it: the contract's <c>{windowId, status, currentTicket?}</c>
/// plus its hall, name, current ticket id and when the status last changed.
/// </summary>
public sealed record WindowStatusView(
    string HallId,
    string WindowId,
    string Name,
    WindowStatus Status,
    string? CurrentTicket,
    string? CurrentTicketId,
    DateTimeOffset Since);
