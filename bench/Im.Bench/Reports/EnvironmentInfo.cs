using System.Reflection;
using System.Runtime;
using System.Runtime.InteropServices;

namespace Im.Bench.Reports;

/// <summary>What the figures were measured on; ratios travel between machines, absolute figures do not.</summary>
public sealed record EnvironmentInfo(
    int Cores,
    string Os,
    string Dotnet,
    string Gc,
    string Build)
{
    public static EnvironmentInfo Capture() => new(
        Environment.ProcessorCount,
        $"{RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})",
        RuntimeInformation.FrameworkDescription,
        $"{(GCSettings.IsServerGC ? "Server" : "Workstation")}, {(IsConcurrentGc ? "concurrent" : "non-concurrent")}, latency mode {GCSettings.LatencyMode}",
        typeof(EnvironmentInfo).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "unknown");

    private static bool IsConcurrentGc =>
        AppContext.GetData("System.GC.Concurrent") is not bool concurrent || concurrent;
}
