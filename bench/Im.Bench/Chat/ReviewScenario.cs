using Im.Bench.Cli;
using Im.Bench.Hubs;
using Im.Bench.Measurement;
using Im.Bench.Servers;

namespace Im.Bench.Chat;

/// <summary>
/// What content review costs a send: the 1:1 closed loop on two Im servers, one with word
/// lists of <see cref="Words"/> words, one with none. Both have their rate limits lifted.
/// </summary>
public sealed class ReviewScenario(ChatServers servers, BenchOptions options, TextWriter progress)
{
    public const int Pairs = 200;

    private static readonly int Words = ReviewWords.Block.Count + ReviewWords.Mask.Count;

    public string Name => $"1:1 chat with content review, {Pairs * 2:N0} connections";

    public string Description =>
        $"{Pairs:N0} pairs of members in direct conversations, the first of each pair calling `sendMessage` and waiting for its ack, closed loop, as in the 1:1 scenario. "
        + $"Subject: Im with content review on: word lists of {Words:N0} words (`{ReviewWords.ListName}.block.txt` and `{ReviewWords.ListName}.mask.txt`, "
        + "1,000 each, half Latin, half two-character Chinese) in `<data>/wordlists`. Texts of 84–106 characters mixing Chinese and English; none contains a "
        + $"blocked word; one send in {ReviewWords.MaskedEvery} carries a masked word (stored masked and audited). Baseline: the same Im build with an empty word-list "
        + "directory (review finds nothing to check). Both servers run side by side with the rate limits lifted (`Limits:Send|Join|Typing:Member|Connection` at "
        + "100,000 per second, burst 100,000), set up once; the runs alternate.";

    public async Task<Comparison> RunAsync(CancellationToken cancellationToken)
    {
        var load = new LoadSettings(Pairs, Pairs, options.Warmup, options.Duration / options.Rounds, KeyChoice.OnePerWorker);
        var (off, offConversations) = await DirectPairs.StartImAsync(servers, Pairs, progress, cancellationToken, ChatServers.UnthrottledLimits);
        await using var offSide = off;
        var onData = servers.NewDataDirectory();
        ReviewWords.Write(Path.Combine(onData, "wordlists"));
        var (on, onConversations) = await DirectPairs.StartImAsync(servers, Pairs, progress, cancellationToken, ChatServers.UnthrottledLimits, onData);
        await using var onSide = on;
        await CheckBlockedAsync(on, onConversations[0]);
        var offCounters = new long[Pairs];
        var onCounters = new long[Pairs];
        var scenario = new ScenarioDefinition(
            Name,
            Description,
            load,
            new LoadVariant("Im, review off", _ => Task.FromResult<ILoadTarget>(new ChatTarget(key => Send(off, offConversations, key, ++offCounters[key]), off.Cpu, off.Deliveries))),
            new LoadVariant("Im, review on", _ => Task.FromResult<ILoadTarget>(new ChatTarget(key => Send(on, onConversations, key, ++onCounters[key]), on.Cpu, on.Deliveries))));
        var measured = await new ComparisonRunner(options.Rounds, progress).RunAsync(scenario, cancellationToken);
        const string Check = "Im, review on: the check before the runs (one send with a blocked word) was refused with `blocked`, which the server logs as a failed `SendMessage` invocation";
        return Summarize(measured, [.. ChatSide.CpuFigures(off, on, measured)], [Check, .. off.Notes(), .. on.Notes()]);
    }

    private static Task Send(ChatSide side, string[] conversations, int key, long counter) =>
        side.Connections[2 * key].InvokeAsync("sendMessage", new ChatSend(conversations[key], DeliveryLog.NewClientMsgId(key, counter), ReviewWords.Text(key, counter)));

    // Proof that the lists are in force before anything is measured: a blocked word is refused.
    private static async Task CheckBlockedAsync(ChatSide on, string conversation)
    {
        try
        {
            await on.Connections[0].InvokeAsync("sendMessage", new ChatSend(conversation, DeliveryLog.NewClientMsgId(-2, 0), $"check {ReviewWords.Block[1]}"));
        }
        catch (HubCallException error) when (error.Message.Contains("blocked", StringComparison.Ordinal))
        {
            return;
        }

        throw new InvalidOperationException("Im with review on accepted a message with a blocked word: the word lists are not in force");
    }

    private static Comparison Summarize(Comparison measured, IReadOnlyList<Figure> cpu, IReadOnlyList<string> notes)
    {
        var off = measured.Baseline!;
        var on = measured.Subject!;
        var offDelivered = off.Observed ?? new LatencyRecorder();
        var onDelivered = on.Observed ?? new LatencyRecorder();
        Figure[] figures =
        [
            new("sends/s (acked)", off.CallsPerSecond, on.CallsPerSecond),
            new("ack p50 µs", off.P50Microseconds, on.P50Microseconds),
            new("ack p99 µs", off.P99Microseconds, on.P99Microseconds),
            new("send-to-deliver p50 µs", offDelivered.PercentileMicroseconds(0.50), onDelivered.PercentileMicroseconds(0.50)),
            new("send-to-deliver p99 µs", offDelivered.PercentileMicroseconds(0.99), onDelivered.PercentileMicroseconds(0.99)),
            new("peer deliveries/s", off.ObservedPerSecond, on.ObservedPerSecond),
            .. cpu,
        ];
        var errors = ScenarioResult.FailureNotes("send", off, on);
        return measured.With(figures, [], [.. errors, .. notes]);
    }
}
