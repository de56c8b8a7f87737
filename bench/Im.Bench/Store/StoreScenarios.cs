using Im.Bench.Cli;
using Im.Bench.Measurement;
using Im.Bench.Reports;
using Im.Bench.Scenarios;
using Im.Bench.Servers;
using Im.Silo.Storage.Sqlite;

namespace Im.Bench.Store;

/// <summary>
/// The durable history append on the embedded SQLite store, alone: what one acked chat
/// message costs the server in the store, against the least a group-committed durable row
/// costs on the same disk in the same batching shape.
/// </summary>
public sealed class StoreScenarios : IScenarioGroup
{
    // Searchers in flight: a few members at once, as a node serves them.
    private const int Searchers = 8;

    private string _loadAtStart = "?";
    private string _loadAtEnd = "?";

    public string Name => "store";

    public string Title => "durable history append and search (SQLite)";

    public async Task<IReadOnlyList<Comparison>> RunAsync(BenchOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        _loadAtStart = ProcessStats.LoadAverage();
        var shape = options.Store;
        var conversations = new StoreConversations(shape.Conversations);
        progress.WriteLine($"filling a history of {shape.Conversations * shape.HistoryPerConversation:N0} messages in {shape.Conversations:N0} conversations");
        using var template = await HistoryTemplate.CreateAsync(conversations, shape.HistoryPerConversation, cancellationToken);

        var floorCpu = new ProcessCpuMeter();
        var appendCpu = new ProcessCpuMeter();
        var load = new LoadSettings(shape.Appenders, shape.Appenders, options.Warmup, options.Duration / options.Rounds, KeyChoice.OnePerWorker);
        var scenario = new ScenarioDefinition(
            $"history append, {shape.Appenders} conversations",
            $"Subject: `SqliteMessageHistoryStore.AppendAsync` of one message (a JSON body of about 100 characters, Chinese and English) to the next seq of the appender's own "
                + $"direct conversation, {shape.Appenders} appenders in a closed loop, as the senders of 1:1 chat: the history row, group-committed; "
                + "its search row and its clientMsgId entry are written behind by the search index into search.db, and each measured window closes only once the index holds all of its appends, so indexing counts in the CPU. "
                + $"Each run starts from a copy of a file holding {shape.Conversations * shape.HistoryPerConversation:N0} messages in {shape.Conversations:N0} conversations (the appenders' among them). "
                + "Baseline: the same appenders, batching and durability (a queue drained into one `BEGIN IMMEDIATE … COMMIT`, WAL, `synchronous=FULL`, each append answered after its commit) "
                + "writing a minimal row (two integers appended to a rowid table) to an empty file. CPU is the bench process's: the store runs in it, and the appenders' loop is the same on both sides.",
            load,
            new LoadVariant("minimal row", token => CommitFloorTarget.CreateAsync(floorCpu, token)),
            new LoadVariant("history append", token => HistoryAppendTarget.CreateAsync(template, conversations, shape.Appenders, shape.HistoryPerConversation, appendCpu, token)));

        var measured = await new ComparisonRunner(options.Rounds, progress).RunAsync(scenario, cancellationToken);
        var searched = await new ComparisonRunner(options.Rounds, progress).RunAsync(SearchScenario(options, template, conversations), cancellationToken);
        var lookedUp = await new ComparisonRunner(options.Rounds, progress).RunAsync(RetryLookupScenario(options, template), cancellationToken);
        _loadAtEnd = ProcessStats.LoadAverage();
        return
        [
            measured.With(
                figures:
                [
                    new("CPU µs per append", floorCpu.MicrosecondsPer(measured.Baseline!.Calls), appendCpu.MicrosecondsPer(measured.Subject!.Calls)),
                    new("managed bytes allocated per append", floorCpu.BytesPer(measured.Baseline!.Calls), appendCpu.BytesPer(measured.Subject!.Calls)),
                    new("process CPU, % of one core", floorCpu.ProcessPercent, appendCpu.ProcessPercent),
                    new("other processes' CPU, % of one core", floorCpu.OtherPercent, appendCpu.OtherPercent),
                ],
                notes: [.. ScenarioResult.FailureNotes("append", measured.Baseline, measured.Subject)]),
            searched.With(notes: [.. ScenarioResult.FailureNotes("search", searched.Baseline!, searched.Subject!)]),
            lookedUp.With(notes: [.. ScenarioResult.FailureNotes("lookup", lookedUp.Baseline!, lookedUp.Subject!)]),
        ];
    }

    private static ScenarioDefinition SearchScenario(BenchOptions options, HistoryTemplate template, StoreConversations conversations)
    {
        var members = Searchers;
        var perMember = HistorySearchTarget.ConversationsPerMember;
        var messages = perMember * options.Store.HistoryPerConversation;
        return new ScenarioDefinition(
            $"search, {perMember} conversations of {messages:N0} messages",
            $"{members} members in a closed loop, each calling `SqliteMessageSearch.SearchAsync` over its own {perMember} conversations (spread over the file, {options.Store.HistoryPerConversation} messages each) "
                + $"for the next of {HistorySearchTarget.QueryList}: three phrases each in one message of four of the file, one in none; at most 20 hits. "
                + $"Subject: the store as shipped, which reads conversations holding at most {SqliteMessageSearch.DefaultReadAtMost:N0} messages together from history and checks each text. "
                + "Baseline: the same search made to look up every query of 3+ characters in search.db's trigram index (`readAtMost: 0`), the path of scopes holding more: the index's matches newest first, each joined to history, filtered by conversation and checked, up to the 20th hit. "
                + $"Each run starts from a copy of the prefilled file ({options.Store.History:N0} messages), its index caught up.",
            new LoadSettings(members, members, options.Warmup, options.Duration / options.Rounds, KeyChoice.OnePerWorker),
            new LoadVariant("index lookup", token => HistorySearchTarget.CreateAsync(template, conversations, members, readAtMost: 0, token)),
            new LoadVariant("search as shipped", token => HistorySearchTarget.CreateAsync(template, conversations, members, SqliteMessageSearch.DefaultReadAtMost, token)));
    }

    private static ScenarioDefinition RetryLookupScenario(BenchOptions options, HistoryTemplate template) =>
        new(
            $"clientMsgId lookup, {options.Store.History:N0} messages",
            $"{Searchers} callers in a closed loop, each going through a sample of {RetryLookupTarget.Sample:N0} messages spread over the file, alternately a stored message and one never sent. "
                + "Subject: `SqliteMessageHistoryStore.FindByClientMsgIdAsync` of the message's conversation and clientMsgId (a made-up id for the one never sent), what a conversation asks when its filter of stored ids says \"maybe\" or it is too long to have one: "
                + "search.db's clientMsgId tokens matched and each candidate's history row checked, and the history rows past the keys' cursor. "
                + "Baseline: `ReadAfterAsync` of the same message by its key (a seq past the conversation's last for the one never sent): search.db's keys and the history rows past their cursor. "
                + $"Each run starts from a copy of the prefilled file ({options.Store.History:N0} messages), its index caught up.",
            new LoadSettings(Searchers, Searchers, options.Warmup, options.Duration / options.Rounds, KeyChoice.OnePerWorker),
            new LoadVariant("read by key", token => RetryLookupTarget.CreateAsync(template, Searchers, byClientMsgId: false, token)),
            new LoadVariant("find by clientMsgId", token => RetryLookupTarget.CreateAsync(template, Searchers, byClientMsgId: true, token)));

    public IReadOnlyList<ReportRow> DescribeRun(BenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var shape = options.Store;
        var settings = options.LoadSettings;
        return
        [
            new("Load", $"{shape.Appenders} closed-loop appenders, one conversation each, then {Searchers} closed-loop searchers, {HistorySearchTarget.ConversationsPerMember} conversations each, then {Searchers} closed-loop clientMsgId lookups; {shape.HistoryPerConversation} messages in each of {shape.Conversations:N0} conversations before each run"),
            new("Timing", $"one unrecorded priming pass per side, then {options.Rounds} round(s) of (baseline, subject); every run is a fresh file, {MarkdownReport.Seconds(settings.Warmup)} s warm-up + {MarkdownReport.Seconds(settings.Duration)} s measured"),
            new("Machine load", $"1-minute load average {_loadAtStart} at the start, {_loadAtEnd} at the end (2 cores, shared)"),
            new("Command", $"`{Name} --duration {MarkdownReport.Seconds(options.Duration)} --warmup {MarkdownReport.Seconds(options.Warmup)} --rounds {options.Rounds} --appenders {shape.Appenders} --history {shape.History} --history-per-conversation {shape.HistoryPerConversation}`"),
        ];
    }
}
