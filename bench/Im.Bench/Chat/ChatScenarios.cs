using System.Text.Json;
using Im.Bench.Cli;
using Im.Bench.Measurement;
using Im.Bench.Reports;
using Im.Bench.Scenarios;
using Im.Bench.Servers;

namespace Im.Bench.Chat;

/// <summary>
/// Im's server against a bare SignalR hub, both run as child processes over real loopback
/// connections: memory per idle connection, 1:1 chat (saturated and paced, and its frames on the bare hub alone), a large group's fan-out, several busy groups', content review (Im
/// against itself with review off), typing and presence churn.
/// </summary>
/// <remarks>
/// A scenario that fails (a server that will not start, a fan-out that does not arrive) is
/// reported as not run, with the reason, and the others still run: a half report says more
/// than none.
/// </remarks>
public sealed class ChatScenarios : IScenarioGroup
{
    private string _loadAtStart = "?";
    private string _loadAtEnd = "?";

    public string Name => "chat";

    public string Title => "chat server against a bare SignalR hub";

    public async Task<IReadOnlyList<Comparison>> RunAsync(BenchOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        _loadAtStart = ProcessStats.LoadAverage();
        using var servers = new ChatServers();
        var results = new List<Comparison>();
        var chat = options.Chat;
        if (chat.Runs(ChatOptions.Memory))
        {
            var memory = new MemoryScenario(servers, chat, progress);
            results.Add(await RunOrReportAsync(MemoryScenario.Name, memory.Description, progress, memory.RunAsync, cancellationToken));
        }

        Comparison? directResult = null;
        if (chat.Runs(ChatOptions.Direct))
        {
            var direct = new DirectChatScenario(servers, options, progress);
            directResult = await RunOrReportAsync(direct.Name, direct.Description, progress, direct.RunAsync, cancellationToken);
            results.Add(directResult);
        }

        if (chat.Runs(ChatOptions.Resumed))
        {
            var resumed = new DirectChatScenario(servers, options, progress, resumed: true);
            results.Add(await RunOrReportAsync(resumed.Name, resumed.Description, progress, resumed.RunAsync, cancellationToken));
        }

        if (chat.Runs(ChatOptions.Paced))
        {
            var paced = new PacedChatScenario(servers, options, progress);
            results.Add(await RunOrReportAsync(paced.Name, paced.Description, progress, paced.RunAsync, cancellationToken));
        }

        if (chat.Runs(ChatOptions.Relay))
        {
            var relay = new RelayChatScenario(servers, options, progress);
            results.Add(RelayChatScenario.WithImAgainstRelay(await RunOrReportAsync(relay.Name, relay.Description, progress, relay.RunAsync, cancellationToken), directResult));
        }

        if (chat.Runs(ChatOptions.Group))
        {
            var group = new GroupChatScenario(servers, options, progress);
            results.Add(await RunOrReportAsync(group.Name, group.Description, progress, group.RunAsync, cancellationToken));
        }

        if (chat.Runs(ChatOptions.Groups))
        {
            var groups = new ManyGroupsScenario(servers, options, progress);
            results.Add(await RunOrReportAsync(ManyGroupsScenario.Name, ManyGroupsScenario.Description, progress, groups.RunAsync, cancellationToken));
        }

        if (chat.Runs(ChatOptions.Review))
        {
            var review = new ReviewScenario(servers, options, progress);
            results.Add(await RunOrReportAsync(review.Name, review.Description, progress, review.RunAsync, cancellationToken));
        }

        if (chat.Runs(ChatOptions.Presence))
        {
            var typing = new TypingScenario(servers, options, progress);
            results.Add(await RunOrReportAsync(typing.Name, typing.Description, progress, typing.RunAsync, cancellationToken));
            var churn = new PresenceChurnScenario(servers, options, progress);
            results.Add(await RunOrReportAsync(churn.Name, churn.Description, progress, churn.RunAsync, cancellationToken));
        }

        _loadAtEnd = ProcessStats.LoadAverage();
        return results;
    }

    public IReadOnlyList<ReportRow> DescribeRun(BenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var chat = options.Chat;
        var run = options.Duration / options.Rounds;
        return
        [
            new("Servers", $"child processes started through bash with `ulimit -n {ServerProcess.OpenFilesLimit}`, each on its own 127.0.0.1 port with a fresh temporary data directory; Im as built ({Path.GetFileName(ChatServers.ImAssembly)}, embedded profile, SQLite), the bare hub ({Path.GetFileName(ChatServers.BareHubAssembly)}); GC: {ServerGc(ChatServers.ImAssembly)} (Im), {ServerGc(ChatServers.BareHubAssembly)} (bare hub); socket completions: {SocketCompletions()}"),
            new("Machine load", $"1-minute load average {_loadAtStart} at the start, {_loadAtEnd} at the end (2 cores; other people's builds and tests share them, see the 'other processes' CPU' figures)"),
            new("Clients", $"this process: a lean SignalR JSON-protocol client on raw WebSockets (no negotiation, no Origin header), open files limit {ProcessStats.OpenFilesLimit(Environment.ProcessId)}"),
            new("Load", $"memory: {string.Join(" then ", chat.Connections.Select(c => $"{c:N0}"))} idle connections; 1:1: {chat.Pairs:N0} pairs, {chat.Pairs:N0} closed-loop senders (paced: {chat.PacedRate:N0} sends/s offered); group: {chat.GroupMembers:N0} members, {chat.GroupOnline:N0} connected, {chat.GroupSenders} closed-loop senders; groups: {ManyGroupsScenario.Groups} of {ManyGroupsScenario.MembersPerGroup:N0} members, {ManyGroupsScenario.OnlinePerGroup:N0} of each connected, {ManyGroupsScenario.SendersPerGroup} senders each; review: {ReviewScenario.Pairs:N0} pairs; typing: {chat.Pairs:N0} pairs; presence churn: {chat.Pairs * 2:N0} connections, {PresenceChurnScenario.Workers} workers"),
            new("Timing", $"1:1 and group: one unrecorded priming pass per side, then {options.Rounds} round(s) of (baseline, subject) on the same servers and connections, {MarkdownReport.Seconds(options.Warmup)} s warm-up + {MarkdownReport.Seconds(run)} s measured each"),
            new("Command", $"`{Name} --duration {MarkdownReport.Seconds(options.Duration)} --warmup {MarkdownReport.Seconds(options.Warmup)} --rounds {options.Rounds} --connections {string.Join(',', chat.Connections)} --pairs {chat.Pairs} --group-members {chat.GroupMembers} --group-online {chat.GroupOnline} --group-senders {chat.GroupSenders} --paced-rate {chat.PacedRate} --scenarios {string.Join(',', chat.Scenarios)}`"),
        ];
    }

    private static async Task<Comparison> RunOrReportAsync(string name, string description, TextWriter progress, Func<CancellationToken, Task<Comparison>> runAsync, CancellationToken cancellationToken)
    {
        progress.WriteLine(name);
        try
        {
            return await runAsync(cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            progress.WriteLine($"  failed: {error}");
            return Comparison.NotRun(name, description, $"failed with {error.GetType().Name}: {error.Message}");
        }
    }

    // The servers inherit this process's environment. Im turns inline completions on itself
    // when the variable is unset (Im.Edge.Hosting.SocketCompletions); the bare hub does not.
    private static string SocketCompletions() =>
        Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS") is { } set
            ? $"`DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS={set}` for both servers"
            : "inline on the epoll threads (Im), the runtime's default of a thread-pool hand-off each (bare hub)";

    // What the server's runtimeconfig.json asks of the collector; the default is workstation.
    private static string ServerGc(string assembly)
    {
        var config = Path.ChangeExtension(assembly, ".runtimeconfig.json");
        if (!File.Exists(config))
        {
            return "unknown";
        }

        using var json = JsonDocument.Parse(File.ReadAllText(config));
        return json.RootElement.GetProperty("runtimeOptions").TryGetProperty("configProperties", out var properties)
            && properties.TryGetProperty("System.GC.Server", out var server) && server.GetBoolean()
                ? "Server"
                : "Workstation";
    }
}
