using System.Diagnostics;

namespace Im.Bench.Servers;

/// <summary>
/// CPU time of a server process and of the bench itself over measured windows, added up:
/// on a 2-core machine the clients compete with the server, and these figures say who had the cores.
/// </summary>
/// <remarks>Used by one run at a time; each window must be stopped before the next starts.</remarks>
public sealed class CpuMeter(ServerProcess server)
{
    private const double TicksPerSecond = 100;

    private long _serverTicksAtStart;
    private TimeSpan _benchAtStart;
    private long _startedAt;

    public TimeSpan Measured { get; private set; }

    public TimeSpan ServerCpu { get; private set; }

    public TimeSpan BenchCpu { get; private set; }

    /// <summary>The server's CPU over the windows, in percent of one core.</summary>
    public double ServerPercent => Percent(ServerCpu);

    /// <summary>The bench's own CPU (clients, their receive loops, the runner) over the windows, in percent of one core.</summary>
    public double BenchPercent => Percent(BenchCpu);

    public void Start()
    {
        _serverTicksAtStart = ProcessStats.CpuTicks(server.Pid);
        _benchAtStart = Process.GetCurrentProcess().TotalProcessorTime;
        _startedAt = Stopwatch.GetTimestamp();
    }

    public void Stop()
    {
        Measured += Stopwatch.GetElapsedTime(_startedAt);
        ServerCpu += TimeSpan.FromSeconds((ProcessStats.CpuTicks(server.Pid) - _serverTicksAtStart) / TicksPerSecond);
        BenchCpu += Process.GetCurrentProcess().TotalProcessorTime - _benchAtStart;
    }

    private double Percent(TimeSpan cpu) => Measured > TimeSpan.Zero ? 100 * cpu / Measured : double.NaN;
}
