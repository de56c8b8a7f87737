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
    string OutputDirectory)
{
    public const string PostgresVariable = "IM_BENCH_POSTGRES";

    public const string Usage = """
        usage: Im.Bench <group> [options]
          groups: actors
          --duration <s>     measured seconds per side of a scenario, split over the rounds (default 6)
          --warmup <s>       load before each measured run (default 1)
          --rounds <n>       baseline/subject alternations per scenario (default 2)
          --concurrency <n>  closed-loop workers (default 64)
          --keys <n>         keys the workers spread over (default 1000)
          --postgres <cs>    PostgreSQL connection string (default: $IM_BENCH_POSTGRES; none skips those scenarios)
          --out <dir>        where the Markdown report goes (default bench/reports)
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
            Path.Combine("bench", "reports"));
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
                _ => throw new UsageException($"unknown option {args[i]}"),
            };
        }

        return options with { Postgres = string.IsNullOrWhiteSpace(options.Postgres) ? null : options.Postgres };
    }

    private static double Positive(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new UsageException($"{name} wants a positive number, not '{value}'");
}
