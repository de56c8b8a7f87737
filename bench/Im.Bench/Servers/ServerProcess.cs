using System.Collections.Concurrent;
using System.Diagnostics;

namespace Im.Bench.Servers;

/// <summary>
/// A server under test, run as a child process so that its memory is its own: started
/// through bash with the open-files limit raised, on its own 127.0.0.1 port, its output in
/// a log file. It is killed when disposed and, should the bench end without disposing it,
/// when the bench process exits or dies (a watchdog beside it polls the bench's pid).
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    /// <summary>The most file descriptors a process may hold on this machine; each connection is one.</summary>
    public const int OpenFilesLimit = 20_000;

    // Quiet means under 15 % of one core (clock ticks are 1/100 s).
    private const int QuietTicksPerSecond = 15;

    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);
    private static readonly ConcurrentDictionary<int, Process> Running = new();

    private const string Launcher = """
        ulimit -n "$1" || exit 97
        bench="$2"; log="$3"; shift 3
        server=$$
        ( while kill -0 "$bench" 2>/dev/null && kill -0 "$server" 2>/dev/null; do sleep 1; done
          kill -0 "$bench" 2>/dev/null || kill -KILL "$server" 2>/dev/null ) </dev/null >/dev/null 2>&1 &
        exec dotnet "$@" >"$log" 2>&1
        """;

    private readonly Process _process;

    static ServerProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var (_, process) in Running)
            {
                Kill(process);
            }
        };
    }

    private ServerProcess(string name, Process process, Uri baseUrl, string logPath)
    {
        Name = name;
        _process = process;
        BaseUrl = baseUrl;
        LogPath = logPath;
    }

    public string Name { get; }

    public Uri BaseUrl { get; }

    public string LogPath { get; }

    public int Pid => _process.Id;

    public long ResidentBytes => ProcessStats.ResidentBytes(Pid);

    /// <summary>Starts <paramref name="assembly"/> with <c>dotnet</c> in its own directory (so it reads its appsettings.json) and waits until <paramref name="healthPath"/> answers.</summary>
    public static async Task<ServerProcess> StartAsync(string name, string assembly, IReadOnlyList<string> arguments, Uri baseUrl, string healthPath, string logPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException($"{name}: {assembly} is not built (build the solution in the bench's configuration)", assembly);
        }

        var start = new ProcessStartInfo("bash") { WorkingDirectory = Path.GetDirectoryName(assembly)!, UseShellExecute = false };
        foreach (var argument in (string[])["-c", Launcher, "im-bench-server", $"{OpenFilesLimit}", $"{Environment.ProcessId}", logPath, assembly, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{name}: bash did not start");
        Running[process.Id] = process;
        var server = new ServerProcess(name, process, baseUrl, logPath);
        try
        {
            await server.WaitHealthyAsync(new Uri(baseUrl, healthPath), cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until the server uses under 15 % of a core over a second; false if it is still busy after <paramref name="limit"/>.</summary>
    public async Task<bool> WaitQuietAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        var before = ProcessStats.CpuTicks(Pid);
        while (true)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var now = ProcessStats.CpuTicks(Pid);
            if (now - before < QuietTicksPerSecond)
            {
                return true;
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                return false;
            }

            before = now;
        }
    }

    /// <summary>The median of <paramref name="samples"/> RSS readings a second apart: one GC or allocation burst does not move it.</summary>
    public async Task<long> MedianResidentBytesAsync(int samples, CancellationToken cancellationToken)
    {
        var readings = new List<long>();
        for (var i = 0; i < samples; i++)
        {
            if (i > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }

            readings.Add(ResidentBytes);
        }

        readings.Sort();
        return readings[readings.Count / 2];
    }

    /// <summary>How many warning, error and critical lines the server logged, with the first few of them.</summary>
    public (int Count, IReadOnlyList<string> First) LogProblems(int first)
    {
        if (!File.Exists(LogPath))
        {
            return (0, []);
        }

        var problems = File.ReadLines(LogPath)
            .Select((line, index) => (line, index))
            .Where(l => l.line.StartsWith("warn:", StringComparison.Ordinal) || l.line.StartsWith("fail:", StringComparison.Ordinal) || l.line.StartsWith("crit:", StringComparison.Ordinal))
            .ToList();

        // The console logger writes the category on the first line and the message on the next.
        var lines = File.ReadLines(LogPath).ToList();
        var quoted = problems.Take(first)
            .Select(p => $"{p.line.Trim()} {(p.index + 1 < lines.Count ? lines[p.index + 1].Trim() : string.Empty)}")
            .ToList();
        return (problems.Count, quoted);
    }

    public async ValueTask DisposeAsync()
    {
        Kill(_process);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            throw new InvalidOperationException($"{Name} (pid {Pid}) did not exit 30 s after it was killed");
        }
        finally
        {
            Running.TryRemove(_process.Id, out _);
            _process.Dispose();
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
    }

    private async Task WaitHealthyAsync(Uri health, CancellationToken cancellationToken)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.GetTimestamp() + (long)(StartLimit.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} while starting: {Tail()}");
            }

            try
            {
                using var response = await client.GetAsync(health, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Listening but slow to answer while it starts.
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"{Name} did not answer {health} within {StartLimit.TotalSeconds} s: {Tail()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }

    private string Tail() =>
        File.Exists(LogPath) ? string.Join(" | ", File.ReadLines(LogPath).TakeLast(8)) : "no log";
}
