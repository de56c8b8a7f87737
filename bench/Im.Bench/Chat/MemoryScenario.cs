using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Im.Bench.Cli;
using Im.Bench.Hubs;
using Im.Bench.Measurement;
using Im.Bench.Servers;

namespace Im.Bench.Chat;

/// <summary>
/// What an idle connection costs a server in resident memory: each server alone, from no
/// connections through the steps, one at a time so both stay under the file-descriptor limit.
/// </summary>
public sealed class MemoryScenario(ChatServers servers, ChatOptions options, TextWriter progress)
{
    // A few connections opened and closed before the zero reading, so that JIT-compiled
    // code and first-use pools are in the baseline reading, not charged to the connections.
    private const int WarmConnections = 100;
    private const int Samples = 5;
    private const double GoalKilobytes = 16;
    private static readonly TimeSpan QuietLimit = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long connections sit idle before the second reading: long enough for a server that
    /// returns a burst's garbage once it is quiet (Im's MemoryTrim) to have done so.
    /// </summary>
    public static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(25);

    public static string Name => "memory per idle connection";

    public string Description =>
        $"Each server runs alone as a child process. After {WarmConnections} connections are opened and closed (warm-up), the server's RSS with no "
        + $"connection is read; then connections are opened up to each step ({string.Join(", ", options.Connections.Select(c => c.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)))}) "
        + $"and left idle (pings only). At each reading the bench waits until the server's CPU settles, then takes the median of {Samples} RSS readings "
        + "(VmRSS from /proc) a second apart. The bare hub is then made to run a forced, compacting collection (its /diag/gc endpoint) and read again; "
        + "Im has no such endpoint, so its figure is the collector left alone, and a second line compares both sides that way. "
        + "Im's members (one per connection, each with its own token) are created through the dev token endpoint by a first Im process; a second process "
        + "on the same data is measured, so no member is active before its connection: a connection's cost includes its member's activation. "
        + $"A third Im process, whose first {options.Connections[0]:N0} members are made active (their tokens issued again) before its zero reading, "
        + "gives a connection's cost without that activation. "
        + $"Last, after {IdleWait.TotalSeconds:N0} s more of idleness, both are read again without forcing anything (the idle reading, which the goal is "
        + "judged on: Im returns a connection storm's garbage to the OS once it has gone quiet, its MemoryTrim). "
        + "Figure: (RSS with n − RSS with 0) / n.";

    public async Task<Comparison> RunAsync(CancellationToken cancellationToken)
    {
        var bare = await MeasureBareAsync(cancellationToken);
        var data = servers.NewDataDirectory();
        var (im, tokens) = await MeasureImAsync(data, cancellationToken);
        var active = await MeasureImWithActiveMembersAsync(data, tokens, cancellationToken);
        return Summarize(bare, im, active);
    }

    private async Task<MemoryCurve> MeasureBareAsync(CancellationToken cancellationToken)
    {
        progress.WriteLine("  bare hub");
        await using var server = await servers.StartBareHubAsync(cancellationToken);
        var hub = ChatServers.HubUrl(server, ChatServers.BareHubPath);
        return await MeasureAsync(server, _ => hub, 0, options.Connections, forceGc: true, cancellationToken);
    }

    private async Task<(MemoryCurve Curve, string[] Tokens)> MeasureImAsync(string data, CancellationToken cancellationToken)
    {
        var most = options.Connections[^1];
        string[] tokens;
        progress.WriteLine($"  Im: creating {most + WarmConnections:N0} members");
        var creating = Stopwatch.StartNew();
        await using (var setup = await servers.StartImAsync(data, cancellationToken))
        {
            tokens = await ImMembers.CreateAsync(setup.BaseUrl, 0, most + WarmConnections, ChatSide.Parallelism / 2, cancellationToken);
        }

        var created = $"Im: creating {tokens.Length:N0} members through the dev token endpoint ({ChatSide.Parallelism / 2} at a time) took {creating.Elapsed.TotalSeconds:N1} s, {tokens.Length / creating.Elapsed.TotalSeconds:N0} members/s";
        progress.WriteLine($"  {created}");

        progress.WriteLine("  Im: measuring a fresh process on those members");
        await using var server = await servers.StartImAsync(data, cancellationToken);

        // The warm-up uses members of its own, so that every measured connection activates its member.
        var curve = await MeasureAsync(server, i => ChatServers.HubUrl(server, ChatServers.ImHubPath, tokens[i]), most, options.Connections, forceGc: false, cancellationToken);
        return (curve with { Notes = [created, .. curve.Notes] }, tokens);
    }

    /// <summary>
    /// The first step again on a third Im process whose members were made active (their
    /// tokens issued again) before the zero reading: what the connection costs without its
    /// member's activation. The difference from the cold figure is the activation's share.
    /// </summary>
    private async Task<MemoryCurve> MeasureImWithActiveMembersAsync(string data, string[] tokens, CancellationToken cancellationToken)
    {
        var first = options.Connections[0];
        progress.WriteLine($"  Im: a fresh process with {first:N0} members made active first");
        await using var server = await servers.StartImAsync(data, cancellationToken);
        await ImMembers.CreateAsync(server.BaseUrl, 0, first, ChatSide.Parallelism / 2, cancellationToken);
        var curve = await MeasureAsync(server, i => ChatServers.HubUrl(server, ChatServers.ImHubPath, tokens[i]), options.Connections[^1], [first], forceGc: false, cancellationToken);
        return curve with { Server = "Im (members active beforehand)", Notes = [.. curve.Notes.Select(n => $"members active beforehand: {n}")] };
    }

    private async Task<MemoryCurve> MeasureAsync(ServerProcess server, Func<int, Uri> urlOf, int warmFrom, IReadOnlyList<int> counts, bool forceGc, CancellationToken cancellationToken)
    {
        var connections = new List<BenchHubConnection>();
        try
        {
            var warm = new List<BenchHubConnection>();
            var warmFailure = await HubConnections.OpenAsync(warm, warmFrom, warmFrom + WarmConnections, urlOf, _ => null, ChatSide.Parallelism, cancellationToken);
            await HubConnections.CloseAllAsync(warm);
            if (warmFailure is not null)
            {
                throw new InvalidOperationException($"{server.Name}: warm-up connections failed: {warmFailure}");
            }

            var zero = await SampleAsync(server, 0, forceGc, cancellationToken);
            var steps = new List<MemoryPoint>();
            var timings = new List<string>();
            string? failure = null;
            foreach (var step in counts)
            {
                progress.WriteLine($"    {server.Name}: opening connections up to {step:N0}");
                var opening = Stopwatch.StartNew();
                var before = connections.Count;
                if (await HubConnections.OpenAsync(connections, connections.Count, step, urlOf, _ => null, ChatSide.Parallelism, cancellationToken) is { } stopped)
                {
                    failure = $"reached {connections.Count:N0} of {step:N0} connections: {stopped}";
                    progress.WriteLine($"    {server.Name}: {failure}");
                    if (connections.Count > (steps.Count > 0 ? steps[^1].Connections : 0))
                    {
                        steps.Add(await SampleAsync(server, connections.Count, forceGc, cancellationToken));
                    }

                    break;
                }

                timings.Add($"{server.Name} opened {step - before:N0} connections in {opening.Elapsed.TotalSeconds:N1} s ({(step - before) / opening.Elapsed.TotalSeconds:N0}/s, {ChatSide.Parallelism} at a time)");
                steps.Add(await SampleAsync(server, step, forceGc, cancellationToken));
                await HoldAsync(server, step, cancellationToken);
            }

            return new MemoryCurve(server.Name, zero, steps, failure, [.. timings, .. Notes(server, connections, zero, steps)]);
        }
        finally
        {
            await HubConnections.CloseAllAsync(connections);
        }
    }

    private static IEnumerable<string> Notes(ServerProcess server, List<BenchHubConnection> connections, MemoryPoint zero, List<MemoryPoint> steps)
    {
        if (connections.Count(c => c.Failure is not null) is var dropped and > 0)
        {
            yield return $"{server.Name} dropped {dropped:N0} of {connections.Count:N0} idle connections; first reason: {connections.First(c => c.Failure is not null).Failure}";
        }

        foreach (var point in steps.Prepend(zero).Where(p => !p.Quiet))
        {
            yield return $"{server.Name} was still busy (≥ 15 % of a core) {QuietLimit.TotalSeconds} s after reaching {point.Connections:N0} connections; sampled anyway";
        }

        var (count, first) = server.LogProblems(3);
        if (count > 0)
        {
            yield return $"{server.Name} logged {count:N0} warning/error line(s); first: {string.Join(" / ", first.Select(l => $"`{l}`"))}";
        }

        yield return $"{server.Name} ran with open files limit {ProcessStats.OpenFilesLimit(server.Pid)}";
    }

    // After the reading, so that an outside profiler attaching to the server does not move it.
    private async Task HoldAsync(ServerProcess server, int connections, CancellationToken cancellationToken)
    {
        if (options.Hold > TimeSpan.Zero)
        {
            progress.WriteLine($"    {server.Name}: holding {connections:N0} connections for {options.Hold.TotalSeconds:N0} s (pid {server.Pid})");
            await Task.Delay(options.Hold, cancellationToken);
        }
    }

    private async Task<MemoryPoint> SampleAsync(ServerProcess server, int connections, bool forceGc, CancellationToken cancellationToken)
    {
        var quiet = await server.WaitQuietAsync(QuietLimit, cancellationToken);
        var resident = await server.MedianResidentBytesAsync(Samples, cancellationToken);
        long? afterGc = null, heap = null;
        if (forceGc)
        {
            using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(60) };
            using var response = await client.PostAsync(new Uri(server.BaseUrl, "/diag/gc"), null, cancellationToken);
            response.EnsureSuccessStatusCode();
            heap = (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("heapBytes").GetInt64();
            afterGc = await server.MedianResidentBytesAsync(Samples, cancellationToken);
        }

        await Task.Delay(IdleWait, cancellationToken);
        var idle = await server.MedianResidentBytesAsync(Samples, cancellationToken);

        progress.WriteLine(FormattableString.Invariant(
            $"    {server.Name}: {connections,6:N0} connections  RSS {resident / 1048576.0,7:N1} MB, idle {idle / 1048576.0,7:N1} MB{(afterGc is { } gc ? $"  after forced GC {gc / 1048576.0:N1} MB, heap {heap / 1048576.0:N1} MB" : string.Empty)}{(quiet ? string.Empty : "  (not quiet)")}"));
        return new MemoryPoint(connections, resident, afterGc, heap, quiet, idle);
    }

    private Comparison Summarize(MemoryCurve bare, MemoryCurve im, MemoryCurve active)
    {
        var figures = new List<Figure>();
        var goals = new List<Goal>();
        foreach (var step in options.Connections)
        {
            var imKb = im.KilobytesPerConnection(step);
            var bareKb = bare.KilobytesPerConnection(step);
            figures.Add(new($"KB per idle connection at {step:N0} (bare: after forced GC)", bareKb, imKb));
            figures.Add(new($"KB per idle connection at {step:N0}, neither GC forced", bare.KilobytesPerConnection(step, compared: false), im.KilobytesPerConnection(step, compared: false)));
            var imIdleKb = im.IdleKilobytesPerConnection(step);
            var bareIdleKb = bare.IdleKilobytesPerConnection(step);
            figures.Add(new($"KB per idle connection at {step:N0} after {IdleWait.TotalSeconds:N0} s idle, neither GC forced", bareIdleKb, imIdleKb));
            goals.Add(new(
                $"Im ≤ {GoalKilobytes} KB per idle connection at {step:N0}, after {IdleWait.TotalSeconds:N0} s idle",
                imIdleKb <= GoalKilobytes,
                double.IsNaN(imIdleKb) ? $"not reached ({im.Failure})" : $"Im {imIdleKb:N1} KB, bare hub {bareIdleKb:N1} KB (right after the connections opened: Im {imKb:N1} KB, bare hub {bareKb:N1} KB after a forced GC)"));
        }

        var first = options.Connections[0];
        figures.Add(new($"KB per idle connection at {first:N0}, Im's members active beforehand (bare: after forced GC)", bare.KilobytesPerConnection(first), active.KilobytesPerConnection(first)));
        foreach (var (from, to) in options.Connections.Zip(options.Connections.Skip(1)))
        {
            figures.Add(new($"KB per connection from {from:N0} to {to:N0} (marginal)", bare.KilobytesPerConnectionBetween(from, to), im.KilobytesPerConnectionBetween(from, to)));
        }

        foreach (var count in options.Connections.Prepend(0))
        {
            figures.Add(new($"RSS MB with {count:N0} connections", bare.Megabytes(count), im.Megabytes(count)));
        }

        var notes = new List<string>();
        // About: the zero reading of the warm process also holds the garbage of re-issuing the tokens.
        notes.Add($"Im's member activation accounts for about {im.KilobytesPerConnection(first) - active.KilobytesPerConnection(first):N1} KB of Im's {im.KilobytesPerConnection(first):N1} KB per connection at {first:N0} (cold members minus members active beforehand)");
        foreach (var curve in new[] { bare, im, active }.Where(c => c.Failure is not null))
        {
            var last = curve.Steps.Count > 0 ? curve.Steps[^1] : null;
            notes.Add($"{curve.Server} {curve.Failure}{(last is null ? string.Empty : $"; at {last.Connections:N0}: {(last.Compared - curve.Zero.Compared) / 1024.0 / last.Connections:N1} KB per connection")}");
        }

        foreach (var point in bare.Steps.Where(p => p.HeapAfterGc is not null))
        {
            notes.Add($"bare hub managed heap after forced GC at {point.Connections:N0}: {(point.HeapAfterGc!.Value - (bare.Zero.HeapAfterGc ?? 0)) / 1024.0 / point.Connections:N1} KB per connection");
        }

        return Comparison.OfFigures(Name, Description, figures).With(goals: goals, notes: [.. notes, .. bare.Notes, .. im.Notes, .. active.Notes]);
    }
}
