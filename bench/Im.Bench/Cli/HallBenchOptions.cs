namespace Im.Bench.Cli;

/// <summary>The shape of the <c>hall</c> group.</summary>
/// <param name="Screens">Screen connections subscribed to the one hall.</param>
/// <param name="Windows">Windows calling in a closed loop, one worker each.</param>
/// <param name="TicketsPerWindow">Tickets waiting in each window's queue before the calls start.</param>
public sealed record HallBenchOptions(int Screens, int Windows, int TicketsPerWindow)
{
    public static HallBenchOptions Default { get; } = new(1_000, 4, 1_500);

    /// <summary>Refuses shapes the scenarios cannot run, before anything starts.</summary>
    public HallBenchOptions Checked()
    {
        // A queue's numbers have at least three digits and its quota at most 9,999.
        if (TicketsPerWindow > 9_999)
        {
            throw new UsageException("--tickets-per-window is at most 9999 (a queue's daily quota)");
        }

        return this;
    }
}
