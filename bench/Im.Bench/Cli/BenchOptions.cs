using System.Globalization;
using Im.Bench.Measurement;

namespace Im.Bench.Cli;

/// <summary>The command line: a scenario group first, then options shared by every group.</summary>
public sealed record BenchOptions(
    string Group,
    TimeSpan Duration,
    TimeSpan Warmup,
    int Rounds,
    int Concurrency,
    int Keys,
    string? Postgres,
    string OutputDirectory,
    ChatOptions Chat,
    HallBenchOptions Hall,
    StoreBenchOptions Store)
{
    public const string PostgresVariable = "IM_BENCH_POSTGRES";

    public const string Usage = """
        usage: Im.Bench <group> [options]
          groups: actors, chat, hall, store
          --duration <s>     measured seconds per side of a scenario, split over the rounds (default 6)
          --warmup <s>       load before each measured run (default 1)
          --rounds <n>       baseline/subject alternations per scenario (default 2)
          --concurrency <n>  closed-loop workers (default 64)
          --keys <n>         keys the workers spread over (default 1000)
          --postgres <cs>    PostgreSQL connection string (default: $IM_BENCH_POSTGRES; none skips those scenarios)
          --out <dir>        where the Markdown report goes (default bench/reports)
        chat only (--concurrency and --keys do not apply):
          --connections <n,n...>  idle connections per memory step (default 10000,18000)
          --pairs <n>             1:1 pairs, one connection per member (default 500)
          --group-members <n>     members of the one group (default 10000)
          --group-online <n>      of them connected (default 5000)
          --group-senders <n>     closed-loop senders into the group (default 4)
          --scenarios <list>      any of memory,direct,resumed,paced,relay,group,groups,review,presence (default memory,direct,group)
          --paced-rate <n>        paced: sends a second offered to both servers (default 4000)
          --hold <s>              memory: keep each step's connections open this long after its reading,
                                  printing the server's pid, to profile it from outside (default 0)
        hall only (--keys does not apply; --concurrency is the ticket takers):
          --screens <n>             screen connections subscribed to the hall (default 1000)
          --windows <n>             windows calling in a closed loop (default 4)
          --tickets-per-window <n>  tickets waiting per window's queue before the calls (default 1500)
        store only (--concurrency and --keys do not apply):
          --appenders <n>                  closed-loop appenders, one conversation each (default 500)
          --history <n>                    messages in the file before each run (default 200000)
          --history-per-conversation <n>   of them per conversation (default 10)
        """;

    /// <summary>Load settings of one measured run: the duration is shared out over the rounds.</summary>
    public LoadSettings LoadSettings => new(Concurrency, Keys, Warmup, Duration / Rounds);

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count == 0 || args[0].StartsWith('-'))
        {
            throw new UsageException("name a scenario group first");
        }

        var options = new BenchOptions(
            args[0],
            TimeSpan.FromSeconds(6),
            TimeSpan.FromSeconds(1),
            2,
            64,
            1000,
            Environment.GetEnvironmentVariable(PostgresVariable),
            Path.Combine("bench", "reports"),
            ChatOptions.Default,
            HallBenchOptions.Default,
            StoreBenchOptions.Default);
        for (var i = 1; i < args.Count; i += 2)
        {
            var value = i + 1 < args.Count ? args[i + 1] : throw new UsageException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--duration" => options with { Duration = TimeSpan.FromSeconds(Positive(args[i], value)) },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(Positive(args[i], value)) },
                "--rounds" => options with { Rounds = (int)Positive(args[i], value) },
                "--concurrency" => options with { Concurrency = (int)Positive(args[i], value) },
                "--keys" => options with { Keys = (int)Positive(args[i], value) },
                "--postgres" => options with { Postgres = value },
                "--out" => options with { OutputDirectory = value },
                "--connections" => options with { Chat = options.Chat with { Connections = [.. value.Split(',').Select(v => (int)Positive(args[i], v))] } },
                "--pairs" => options with { Chat = options.Chat with { Pairs = (int)Positive(args[i], value) } },
                "--group-members" => options with { Chat = options.Chat with { GroupMembers = (int)Positive(args[i], value) } },
                "--group-online" => options with { Chat = options.Chat with { GroupOnline = (int)Positive(args[i], value) } },
                "--group-senders" => options with { Chat = options.Chat with { GroupSenders = (int)Positive(args[i], value) } },
                "--hold" => options with { Chat = options.Chat with { Hold = TimeSpan.FromSeconds(Positive(args[i], value)) } },
                "--paced-rate" => options with { Chat = options.Chat with { PacedRate = Positive(args[i], value) } },
                "--scenarios" => options with { Chat = options.Chat with { Scenarios = [.. value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)] } },
                "--screens" => options with { Hall = options.Hall with { Screens = (int)Positive(args[i], value) } },
                "--windows" => options with { Hall = options.Hall with { Windows = (int)Positive(args[i], value) } },
                "--tickets-per-window" => options with { Hall = options.Hall with { TicketsPerWindow = (int)Positive(args[i], value) } },
                "--appenders" => options with { Store = options.Store with { Appenders = (int)Positive(args[i], value) } },
                "--history" => options with { Store = options.Store with { History = (int)Positive(args[i], value) } },
                "--history-per-conversation" => options with { Store = options.Store with { HistoryPerConversation = (int)Positive(args[i], value) } },
                _ => throw new UsageException($"unknown option {args[i]}"),
            };
        }

        return options with { Postgres = string.IsNullOrWhiteSpace(options.Postgres) ? null : options.Postgres, Chat = options.Chat.Checked(), Hall = options.Hall.Checked(), Store = options.Store.Checked() };
    }

    private static double Positive(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new UsageException($"{name} wants a positive number, not '{value}'");
}
