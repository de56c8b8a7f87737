namespace Im.Bench.Cli;

/// <summary>The shape of the <c>chat</c> group: how many connections, pairs and group members.</summary>
/// <param name="Connections">Steps of the memory scenario, ascending: idle connections held at each.</param>
/// <param name="Pairs">Pairs of the 1:1 scenario, each two members with one connection each.</param>
/// <param name="GroupMembers">Members of the group scenario's one group.</param>
/// <param name="GroupOnline">Of those, how many are connected.</param>
/// <param name="GroupSenders">Connected members sending into the group, each in a closed loop.</param>
/// <param name="Scenarios">Which of memory, direct, resumed, paced, relay, group, groups, review and presence to run.</param>
/// <param name="Hold">Memory: how long to keep each step's connections open after its reading, so the server can be inspected from outside (heap or CPU profile); zero holds nothing.</param>
/// <param name="PacedRate">Paced 1:1: the sends a second offered to both servers, below what either can take.</param>
public sealed record ChatOptions(
    IReadOnlyList<int> Connections,
    int Pairs,
    int GroupMembers,
    int GroupOnline,
    int GroupSenders,
    IReadOnlyList<string> Scenarios,
    TimeSpan Hold = default,
    double PacedRate = 4_000)
{
    public const string Memory = "memory";
    public const string Direct = "direct";
    public const string Resumed = "resumed";
    public const string Paced = "paced";
    public const string Relay = "relay";
    public const string Group = "group";
    public const string Groups = "groups";
    public const string Review = "review";
    public const string Presence = "presence";

    public static ChatOptions Default { get; } = new([10_000, 18_000], 500, 10_000, 5_000, 4, [Memory, Direct, Group]);

    public bool Runs(string scenario) => Scenarios.Contains(scenario, StringComparer.OrdinalIgnoreCase);

    /// <summary>Refuses shapes the scenarios cannot run, before anything starts.</summary>
    public ChatOptions Checked()
    {
        if (Connections.Count == 0 || Connections.Zip(Connections.Skip(1)).Any(p => p.First >= p.Second))
        {
            throw new UsageException("--connections wants ascending counts, e.g. 10000,18000");
        }

        if (GroupOnline > GroupMembers || GroupSenders > GroupOnline)
        {
            throw new UsageException("the group needs --group-senders <= --group-online <= --group-members");
        }

        if (Scenarios.Count == 0 || Scenarios.Any(s => s is not (Memory or Direct or Resumed or Paced or Relay or Group or Groups or Review or Presence)))
        {
            throw new UsageException($"--scenarios picks from {Memory}, {Direct}, {Resumed}, {Paced}, {Relay}, {Group}, {Groups}, {Review}, {Presence}");
        }

        return this;
    }
}
