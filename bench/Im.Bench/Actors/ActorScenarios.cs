using Im.Actors.Storage;
using Im.Bench.Cli;
using Im.Bench.Measurement;
using Im.Bench.Reports;
using Im.Bench.Scenarios;

namespace Im.Bench.Actors;

/// <summary>
/// The actor runtime against what one would write without it: per-key
/// <see cref="SemaphoreSlim"/> gates around the same work, under the same load.
/// </summary>
public sealed class ActorScenarios : IScenarioGroup
{
    private const string Grain = "grain";
    private const string Semaphore = "SemaphoreSlim per key";

    public string Name => "actors";

    public string Title => "actor runtime";

    public async Task<IReadOnlyList<Comparison>> RunAsync(BenchOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var runner = new ComparisonRunner(options.Rounds, progress);
        var load = options.LoadSettings;
        var results = new List<Comparison>
        {
            await runner.RunAsync(NoOp(load, "spread over the keys"), cancellationToken),
            await runner.RunAsync(NoOp(load with { Keys = 1 }, "all workers on one key: the mailbox under contention"), cancellationToken),
            await runner.RunAsync(Counter("SQLite", StoreDescriptions.Sqlite(), load, BenchStateStore.CreateSqliteAsync), cancellationToken),
        };

        if (options.Postgres is { } postgres)
        {
            var store = await StoreDescriptions.PostgresAsync(postgres, cancellationToken);
            results.Add(await runner.RunAsync(Counter("PostgreSQL", store, load, token => BenchStateStore.CreatePostgresAsync(postgres, token)), cancellationToken));
        }
        else
        {
            var store = $"PostgreSQL: pass --postgres \"<connection string>\" or set {BenchOptions.PostgresVariable}";
            results.Add(Comparison.NotRun(Counter("PostgreSQL", store, load, _ => throw new InvalidOperationException()), "not run (no PostgreSQL configured)"));
        }

        return results;
    }

    public IReadOnlyList<ReportRow> DescribeRun(BenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.LoadSettings;
        return
        [
            new("Load", $"{options.Concurrency} closed-loop workers, {options.Keys} keys unless stated"),
            new("Timing", $"per scenario: one unrecorded priming pass per side, then {options.Rounds} round(s) of (baseline, subject); every run is a fresh target, {MarkdownReport.Seconds(settings.Warmup)} s warm-up + {MarkdownReport.Seconds(settings.Duration)} s measured"),
            new("Command", $"`{Name} --duration {MarkdownReport.Seconds(options.Duration)} --warmup {MarkdownReport.Seconds(options.Warmup)} --rounds {options.Rounds} --concurrency {options.Concurrency} --keys {options.Keys}{(options.Postgres is null ? string.Empty : " --postgres …")}`"),
        ];
    }

    private static ScenarioDefinition NoOp(LoadSettings load, string shape) => new(
        $"no-op actor, {(load.Keys == 1 ? "single key" : $"{load.Keys} keys")}",
        $"Subject: `INoOpGrain.PingAsync()` (returns a completed task) called through the runtime, {shape}. "
            + "Baseline: the same method on a plain object per key behind its own `SemaphoreSlim(1,1)`. "
            + "The difference is what the runtime costs per call: proxy, mailbox, a turn on the activation's scheduler, the answer.",
        load,
        new LoadVariant(Semaphore, _ =>
        {
            var plain = Enumerable.Range(0, load.Keys).Select(_ => new NoOpGrain()).ToArray();
            return Task.FromResult<ILoadTarget>(new SemaphoreBaseline(load.Keys, key => plain[key].PingAsync()));
        }),
        new LoadVariant(Grain, async token =>
            new ActorTarget<INoOpGrain>(await BenchRuntime.StartAsync(null, token), load.Keys, grain => grain.PingAsync())));

    private static ScenarioDefinition Counter(string storeName, string store, LoadSettings load, Func<CancellationToken, Task<BenchStateStore>> openAsync) => new(
        $"state-writing actor on {storeName}",
        $"Subject: `ICounterGrain.IncrementAsync()`, a `Grain<CounterState>` that adds one and awaits `WriteStateAsync()` before answering. "
            + "Baseline: a plain counter per key behind its own `SemaphoreSlim(1,1)` doing the same work: it reads its row on first use as an activation does, "
            + "serializes the same state with System.Text.Json and calls the same `IGrainStateStore.WriteAsync` with the etag of its last write. "
            + $"Store: {store}.",
        load,
        new LoadVariant(Semaphore, async token =>
        {
            var opened = await openAsync(token);
            var counters = Enumerable.Range(0, load.Keys).Select(k => new PlainCounter(opened.Store, BenchKeys.Name(k))).ToArray();
            return new SemaphoreBaseline(load.Keys, key => counters[key].IncrementAsync(), opened);
        }),
        new LoadVariant(Grain, async token =>
        {
            var opened = await openAsync(token);
            return new ActorTarget<ICounterGrain>(await StartRuntimeAsync(opened.Store, opened, token), load.Keys, grain => grain.IncrementAsync(), opened);
        }));

    private static async Task<BenchRuntime> StartRuntimeAsync(IGrainStateStore store, BenchStateStore opened, CancellationToken cancellationToken)
    {
        try
        {
            return await BenchRuntime.StartAsync(store, cancellationToken);
        }
        catch
        {
            await opened.DisposeAsync();
            throw;
        }
    }
}
