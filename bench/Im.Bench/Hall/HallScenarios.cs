using Im.Bench.Cli;
using Im.Bench.Measurement;
using Im.Bench.Reports;
using Im.Bench.Scenarios;
using Im.Bench.Servers;

namespace Im.Bench.Hall;

/// <summary>
/// The service hall under load, Im against the bare hub's durable floor, both as child
/// processes over loopback: taking numbers, and call-next reaching every subscribed screen.
/// </summary>
public sealed class HallScenarios : IScenarioGroup
{
    private const int TakerQueues = 16;

    private string _loadAtStart = "?";
    private string _loadAtEnd = "?";

    public string Name => "hall";

    public string Title => "service hall against a bare SignalR hub with a durable row per operation";

    public async Task<IReadOnlyList<Comparison>> RunAsync(BenchOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        _loadAtStart = ProcessStats.LoadAverage();
        var hall = options.Hall;
        string[] windowQueues = [.. Enumerable.Range(0, hall.Windows).Select(i => $"c{i}")];
        string[] takerQueues = [.. Enumerable.Range(0, TakerQueues).Select(i => $"t{i}")];
        using var servers = new ChatServers();
        await using var bare = await HallSide.StartBareAsync(servers, hall.Screens, hall.Windows, options.Concurrency, progress, cancellationToken);
        await using var im = await HallSide.StartImAsync(servers, hall.Screens, windowQueues, takerQueues, options.Concurrency, progress, cancellationToken);
        var takers = new TakeNumberScenario(options, bare, im, takerQueues);
        var results = new List<Comparison> { takers.Summarize(await RunOrReportAsync(takers.Definition, options.Rounds, progress, cancellationToken)) };
        await im.StockAsync(windowQueues, hall.TicketsPerWindow, cancellationToken);
        var calls = new CallNextScenario(options, bare, im);
        results.Add(calls.Summarize(await RunOrReportAsync(calls.Definition, options.Rounds, progress, cancellationToken)));
        _loadAtEnd = ProcessStats.LoadAverage();
        return results;
    }

    public IReadOnlyList<ReportRow> DescribeRun(BenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var hall = options.Hall;
        return
        [
            new("Servers", $"child processes with `ulimit -n {ServerProcess.OpenFilesLimit}` on 127.0.0.1 ports with fresh temporary data directories: Im as built ({Path.GetFileName(ChatServers.ImAssembly)}, embedded profile, SQLite, rate limits lifted), the bare hub ({Path.GetFileName(ChatServers.BareHubAssembly)}) with a SQLite file under the same settings (WAL, synchronous=FULL)"),
            new("Machine load", $"1-minute load average {_loadAtStart} at the start, {_loadAtEnd} at the end (2 cores shared with other people's work)"),
            new("Load", $"{hall.Screens:N0} screen connections per side; taking numbers: {options.Concurrency} closed-loop takers over {TakerQueues} queues; calling: {hall.Windows} windows in a closed loop, each over {hall.TicketsPerWindow:N0} waiting tickets of its own queue"),
            new("Timing", $"one unrecorded priming pass per side, then {options.Rounds} round(s) of (baseline, subject), {MarkdownReport.Seconds(options.Warmup)} s warm-up + {MarkdownReport.Seconds(options.Duration / options.Rounds)} s measured each"),
            new("Command", $"`{Name} --duration {MarkdownReport.Seconds(options.Duration)} --warmup {MarkdownReport.Seconds(options.Warmup)} --rounds {options.Rounds} --concurrency {options.Concurrency} --screens {hall.Screens} --windows {hall.Windows} --tickets-per-window {hall.TicketsPerWindow}`"),
        ];
    }

    private static async Task<Comparison> RunOrReportAsync(ScenarioDefinition scenario, int rounds, TextWriter progress, CancellationToken cancellationToken)
    {
        try
        {
            return await new ComparisonRunner(rounds, progress).RunAsync(scenario, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            progress.WriteLine($"  failed: {error}");
            return Comparison.NotRun(scenario, $"failed with {error.GetType().Name}: {error.Message}");
        }
    }
}
