using System.Diagnostics;
using Im.Bench.Hubs;
using Im.Bench.Measurement;
using Im.Bench.Servers;

namespace Im.Bench.Chat;

/// <summary>
/// One side of a chat comparison, set up once for all its runs: a server process, its
/// connections, and the log where their deliveries are timed. Disposing it drops the
/// connections, then kills the server.
/// </summary>
public sealed class ChatSide(ServerProcess server) : IAsyncDisposable
{
    public const int Parallelism = 64;

    private static readonly TimeSpan DeliveryLimit = TimeSpan.FromSeconds(30);

    public ServerProcess Server { get; } = server;

    public List<BenchHubConnection> Connections { get; } = [];

    public DeliveryLog Deliveries { get; } = new();

    /// <summary>CPU of the server and of the bench over this side's measured windows.</summary>
    public CpuMeter Cpu { get; } = new(server);

    /// <summary>How long the setup steps took (members, groups, connections): how the server behaves when many arrive at once.</summary>
    public List<string> SetupNotes { get; } = [];

    /// <summary>Runs a setup step and notes how long it took.</summary>
    public async Task<T> TimedAsync<T>(string step, Func<Task<T>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var started = Stopwatch.GetTimestamp();
        var result = await run();
        SetupNotes.Add($"{Server.Name}: {step} took {Stopwatch.GetElapsedTime(started).TotalSeconds:N1} s");
        return result;
    }

    /// <summary>Runs a setup step that has no result and notes how long it took.</summary>
    public Task TimedAsync(string step, Func<Task> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return TimedAsync(step, async () =>
        {
            await run();
            return true;
        });
    }

    /// <summary>Creates Im members 0 to <paramref name="count"/> - 1 on this side's server, noting how long it took; returns their tokens.</summary>
    public Task<string[]> CreateMembersAsync(int count, CancellationToken cancellationToken) =>
        TimedAsync(
            $"creating {count:N0} members ({Parallelism / 2} at a time)",
            () => ImMembers.CreateAsync(Server.BaseUrl, 0, count, Parallelism / 2, cancellationToken));

    /// <summary>Connections the server dropped since they opened.</summary>
    public int Dropped => Connections.Count(c => c.Failure is not null);

    /// <summary>
    /// Sends one message and waits until <paramref name="expected"/> deliveries more have
    /// arrived across the connections: proof that the fan-out reaches everyone before anything is measured.
    /// </summary>
    public async Task CheckFanOutAsync(Func<string, Task> send, int expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        var before = Connections.Sum(c => c.DeliveriesSeen);
        await send(DeliveryLog.NewClientMsgId(-1, 0));
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(DeliveryLimit);
        long seen;
        while ((seen = Connections.Sum(c => c.DeliveriesSeen) - before) < expected)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new InvalidOperationException($"{Server.Name}: a first message reached {seen:N0} of {expected:N0} connections within {DeliveryLimit.TotalSeconds} s");
            }
        }
    }

    /// <summary>
    /// Where the CPU went during the measured windows of both sides, and what the server and
    /// the clients spent per unit of work (per delivery where there are deliveries, else per
    /// call). The server's is a figure the clients sharing the cores do not blur; the two
    /// together tell what the cores allow: on a saturated machine the throughput ratio is
    /// about the baseline's sum over the subject's.
    /// </summary>
    public static IEnumerable<Figure> CpuFigures(ChatSide baseline, ChatSide subject, Comparison measured)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(measured);
        yield return new("server CPU, % of one core", baseline.Cpu.ServerPercent, subject.Cpu.ServerPercent);
        yield return new("bench (clients) CPU, % of one core", baseline.Cpu.BenchPercent, subject.Cpu.BenchPercent);
        yield return new("other processes' CPU, % of one core", baseline.Cpu.OtherPercent, subject.Cpu.OtherPercent);
        var perDelivery = measured.Baseline?.Observed is not null && measured.Subject?.Observed is not null;
        var unit = perDelivery ? "delivery" : "call";
        yield return new(
            $"server CPU µs per {unit}",
            CpuPerUnit(baseline.Cpu.ServerCpu, measured.Baseline, perDelivery),
            CpuPerUnit(subject.Cpu.ServerCpu, measured.Subject, perDelivery));
        yield return new(
            $"bench (clients) CPU µs per {unit}",
            CpuPerUnit(baseline.Cpu.BenchCpu, measured.Baseline, perDelivery),
            CpuPerUnit(subject.Cpu.BenchCpu, measured.Subject, perDelivery));
    }

    /// <summary>What the server said and did that a reader of the report should know.</summary>
    public IEnumerable<string> Notes()
    {
        foreach (var note in SetupNotes)
        {
            yield return note;
        }

        var (count, first) = Server.LogProblems(3);
        if (count > 0)
        {
            yield return $"{Server.Name} logged {count:N0} warning/error line(s); first: {string.Join(" / ", first.Select(l => $"`{l}`"))}";
        }

        if (Dropped > 0)
        {
            yield return $"{Server.Name} dropped {Dropped:N0} of {Connections.Count:N0} connections; first reason: {Connections.First(c => c.Failure is not null).Failure}";
        }
    }

    private static double CpuPerUnit(TimeSpan cpu, ScenarioResult? result, bool perDelivery)
    {
        var units = perDelivery ? result?.Observed?.Count ?? 0 : result?.Calls ?? 0;
        return units > 0 ? cpu.TotalMicroseconds / units : double.NaN;
    }

    public async ValueTask DisposeAsync()
    {
        await HubConnections.CloseAllAsync(Connections);
        await Server.DisposeAsync();
    }
}
