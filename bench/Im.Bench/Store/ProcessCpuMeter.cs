using System.Diagnostics;
using Im.Bench.Servers;

namespace Im.Bench.Store;

/// <summary>
/// This process's CPU and allocations over measured windows, added up, and the rest of the
/// machine's CPU: the store runs in the bench process, so its CPU and garbage are the
/// process's (the appenders' loop is the same on both sides).
/// </summary>
/// <remarks>Used by one run at a time; each window must be stopped before the next starts.</remarks>
public sealed class ProcessCpuMeter
{
    private const double TicksPerSecond = 100;

    private TimeSpan _processAtStart;
    private long _machineTicksAtStart;
    private long _startedAt;
    private long _allocatedAtStart;

    public TimeSpan Measured { get; private set; }

    public TimeSpan ProcessCpu { get; private set; }

    /// <summary>Bytes this process allocated on the managed heap, every thread's.</summary>
    public long Allocated { get; private set; }

    /// <summary>CPU the rest of the machine used meanwhile: other people's builds and tests on a shared machine.</summary>
    public TimeSpan OtherCpu { get; private set; }

    public double ProcessPercent => Percent(ProcessCpu);

    public double OtherPercent => Percent(OtherCpu);

    public void Start()
    {
        _processAtStart = Process.GetCurrentProcess().TotalProcessorTime;
        _machineTicksAtStart = ProcessStats.MachineBusyTicks();
        _startedAt = Stopwatch.GetTimestamp();
        _allocatedAtStart = GC.GetTotalAllocatedBytes(precise: true);
    }

    public void Stop()
    {
        Measured += Stopwatch.GetElapsedTime(_startedAt);
        Allocated += GC.GetTotalAllocatedBytes(precise: true) - _allocatedAtStart;
        var processCpu = Process.GetCurrentProcess().TotalProcessorTime - _processAtStart;
        var machineCpu = TimeSpan.FromSeconds((ProcessStats.MachineBusyTicks() - _machineTicksAtStart) / TicksPerSecond);
        ProcessCpu += processCpu;
        OtherCpu += TimeSpan.FromTicks(Math.Max(0, (machineCpu - processCpu).Ticks));
    }

    /// <summary>CPU µs per call over the windows.</summary>
    public double MicrosecondsPer(long calls) => calls > 0 ? ProcessCpu.TotalMicroseconds / calls : double.NaN;

    /// <summary>Managed bytes allocated per call over the windows.</summary>
    public double BytesPer(long calls) => calls > 0 ? (double)Allocated / calls : double.NaN;

    private double Percent(TimeSpan cpu) => Measured > TimeSpan.Zero ? 100 * cpu / Measured : double.NaN;
}
