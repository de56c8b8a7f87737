namespace Im.Edge.Sockets;

/// <summary>
/// Configuration section <c>HubSockets</c>: the direct WebSocket path of the member hub
/// (<see cref="HubUpgradeMiddleware"/>).
/// </summary>
public sealed class HubSocketOptions
{
    public const string SectionName = "HubSockets";

    /// <summary>
    /// Off: every <c>/hubs/im</c> request goes through ASP.NET Core's HTTP pipeline and
    /// SignalR's own transports, as for the other hubs.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How long a new connection may take to send a request head before it is handed to
    /// Kestrel's HTTP layer, which then applies its own header timeout.
    /// </summary>
    public TimeSpan HeadTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A request head longer than this is handed to Kestrel's HTTP layer (and its limits)
    /// unread; an upgrade with a token fits in well under 4 KB.
    /// </summary>
    public int MaxHeadBytes { get; set; } = 8 * 1024;

    /// <summary>How long a closing connection waits for the client's close frame.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
