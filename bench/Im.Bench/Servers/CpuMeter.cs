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
    private long _machineTicksAtStart;
    private TimeSpan _benchAtStart;
    private long _startedAt;

    public TimeSpan Measured { get; private set; }

    public TimeSpan ServerCpu { get; private set; }

    public TimeSpan BenchCpu { get; private set; }

    /// <summary>CPU the rest of the machine used meanwhile: other people's builds and tests on a shared machine.</summary>
    public TimeSpan OtherCpu { get; private set; }

    /// <summary>The server's CPU over the windows, in percent of one core.</summary>
    public double ServerPercent => Percent(ServerCpu);

    /// <summary>The bench's own CPU (clients, their receive loops, the runner) over the windows, in percent of one core.</summary>
    public double BenchPercent => Percent(BenchCpu);

    public double OtherPercent => Percent(OtherCpu);

    public void Start()
    {
        _serverTicksAtStart = ProcessStats.CpuTicks(server.Pid);
        _machineTicksAtStart = ProcessStats.MachineBusyTicks();
        _benchAtStart = Process.GetCurrentProcess().TotalProcessorTime;
        _startedAt = Stopwatch.GetTimestamp();
    }

    public void Stop()
    {
        Measured += Stopwatch.GetElapsedTime(_startedAt);
        var serverCpu = TimeSpan.FromSeconds((ProcessStats.CpuTicks(server.Pid) - _serverTicksAtStart) / TicksPerSecond);
        var benchCpu = Process.GetCurrentProcess().TotalProcessorTime - _benchAtStart;
        var machineCpu = TimeSpan.FromSeconds((ProcessStats.MachineBusyTicks() - _machineTicksAtStart) / TicksPerSecond);
        ServerCpu += serverCpu;
        BenchCpu += benchCpu;
        OtherCpu += TimeSpan.FromTicks(Math.Max(0, (machineCpu - serverCpu - benchCpu).Ticks));
    }

    private double Percent(TimeSpan cpu) => Measured > TimeSpan.Zero ? 100 * cpu / Measured : double.NaN;
}
