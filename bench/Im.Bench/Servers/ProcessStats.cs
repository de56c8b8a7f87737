using System.Globalization;

namespace Im.Bench.Servers;

/// <summary>
/// A process's resident memory and CPU time as Linux reports them in /proc: what the memory
/// scenario weighs and how it tells that a server has gone quiet.
/// </summary>
public static class ProcessStats
{
    /// <summary>Resident set size in bytes (VmRSS of /proc/&lt;pid&gt;/status).</summary>
    public static long ResidentBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kilobytes = line["VmRSS:".Length..].Trim().Split(' ')[0];
                return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"no VmRSS for process {pid}");
    }

    /// <summary>User plus system CPU time in clock ticks (fields 14 and 15 of /proc/&lt;pid&gt;/stat, 100 per second).</summary>
    public static long CpuTicks(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");

        // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// CPU time the whole machine spent busy, all cores, in clock ticks: the first line of
    /// /proc/stat, user + nice + system + irq + softirq + steal.
    /// </summary>
    public static long MachineBusyTicks()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new[] { 1, 2, 3, 6, 7, 8 }.Sum(i => long.Parse(fields[i], CultureInfo.InvariantCulture));
    }

    /// <summary>The 1-minute load average: how many runnable tasks the machine had, ours included.</summary>
    public static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    /// <summary>The soft limit on open files (Max open files of /proc/&lt;pid&gt;/limits).</summary>
    public static string OpenFilesLimit(int pid) =>
        File.ReadLines($"/proc/{pid}/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal)) is { } line
            ? line["Max open files".Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]
            : "unknown";
}
