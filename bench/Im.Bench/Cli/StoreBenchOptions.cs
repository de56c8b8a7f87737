namespace Im.Bench.Cli;

/// <summary>The shape of the <c>store</c> group.</summary>
/// <param name="Appenders">Closed-loop appenders, each with a conversation of its own (as each 1:1 pair's sender has).</param>
/// <param name="History">Messages already in the file before a run, so appends land in a file that is not all in cache.</param>
/// <param name="HistoryPerConversation">How many of them each conversation holds.</param>
public sealed record StoreBenchOptions(int Appenders, int History, int HistoryPerConversation)
{
    public static StoreBenchOptions Default { get; } = new(500, 200_000, 10);

    /// <summary>Conversations in the file: the appenders' own among them.</summary>
    public int Conversations => Math.Max(Appenders, History / HistoryPerConversation);

    /// <summary>Refuses shapes the scenario cannot run, before anything starts.</summary>
    public StoreBenchOptions Checked()
    {
        if (HistoryPerConversation < 1)
        {
            throw new UsageException("--history-per-conversation is at least 1");
        }

        return this;
    }
}
