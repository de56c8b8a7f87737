namespace Im.Edge.Chat;

/// <summary>
/// When a large conversation's events wait for its next ones (<see cref="LaneReader"/>):
/// <c>Hubs:FanOutLinger</c> (15 ms; zero turns holding off) is how long, and
/// <c>Hubs:FanOutBusyWindow</c> (250 ms) how soon after its last fan-out a conversation
/// still counts as busy.
/// </summary>
internal sealed record FanOutHold(TimeSpan Linger, TimeSpan BusyWindow)
{
    public static FanOutHold From(IConfiguration configuration) => new(
        configuration.GetValue("Hubs:FanOutLinger", TimeSpan.FromMilliseconds(15)),
        configuration.GetValue("Hubs:FanOutBusyWindow", TimeSpan.FromMilliseconds(250)));
}
