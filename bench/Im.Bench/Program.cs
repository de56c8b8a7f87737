using Im.Bench.Cli;
using Im.Bench.Reports;
using Im.Bench.Scenarios;

// Progress goes to stderr so that stdout is the Markdown report alone.
using var stopping = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stopping.Cancel();
};

try
{
    var options = BenchOptions.Parse(args);
    var group = ScenarioGroups.Find(options.Group);
    var startedAt = DateTimeOffset.UtcNow;
    var comparisons = await group.RunAsync(options, Console.Error, stopping.Token);
    var report = new BenchReport(group.Name, group.Title, startedAt, options, EnvironmentInfo.Capture(), group.DescribeRun(options), comparisons);
    var markdown = MarkdownReport.Render(report);
    Console.Out.Write(markdown);
    Console.Error.WriteLine($"report written to {await ReportFile.WriteAsync(options.OutputDirectory, report, markdown, stopping.Token)}");
    return 0;
}
catch (UsageException error)
{
    Console.Error.WriteLine(error.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}
