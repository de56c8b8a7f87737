using System.Globalization;

namespace Im.Hall.Tickets;

/// <summary>
/// A ticket's id names the queue day that holds it: <c>{yyyyMMdd}-{queueId}-{serial}</c>.
/// Appointment ids use the same shape with an <c>A</c> before the serial. Queue ids may
/// contain '-': the date is the first eight characters and the serial follows the last '-'.
/// </summary>
public readonly record struct TicketId(DateOnly Day, string QueueId, string Serial)
{
    public static bool TryParse(string? value, out TicketId id)
    {
        id = default;
        if (value is null || value.Length < 12 || value[8] != '-')
        {
            return false;
        }

        var last = value.LastIndexOf('-');
        if (last <= 9 || last == value.Length - 1
            || !DateOnly.TryParseExact(value[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return false;
        }

        id = new TicketId(day, value[9..last], value[(last + 1)..]);
        return true;
    }

    public override string ToString() => $"{Day.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}-{QueueId}-{Serial}";
}
