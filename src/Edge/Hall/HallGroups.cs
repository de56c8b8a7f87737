namespace Im.Edge.Hall;

/// <summary>SignalR group of a hall: every local connection subscribed to its events.</summary>
internal static class HallGroups
{
    public static string Of(string hallId) => $"h:{hallId}";
}
