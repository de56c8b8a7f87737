using System.Buffers.Text;
using System.Diagnostics;
using Im.Bench.Hubs;

namespace Im.Bench.Hall;

/// <summary>
/// Times calls from the window's request to each screen's <c>ticketCalled</c>. A window has
/// one call in flight, and its worker waits until every screen saw it before the next, so a
/// screen's event always belongs to the window's current call: the window id is enough to
/// find when the call started. Window <c>i</c> is named <c>w{i}</c>.
/// </summary>
public sealed class ScreenCalls(int windows, int screens)
{
    private static readonly TimeSpan FanInLimit = TimeSpan.FromSeconds(30);

    private readonly long[] _startedAt = new long[windows];
    private readonly int[] _remaining = new int[windows];
    private readonly TaskCompletionSource[] _seenByAll = new TaskCompletionSource[windows];

    /// <summary>Latencies of the screens' events while open.</summary>
    public DeliveryLog Deliveries { get; } = new();

    public static string WindowId(int window) => FormattableString.Invariant($"w{window}");

    /// <summary>Hands the screens' events to this tracker.</summary>
    public void Watch(IEnumerable<BenchHubConnection> screenConnections)
    {
        ArgumentNullException.ThrowIfNull(screenConnections);
        foreach (var screen in screenConnections)
        {
            screen.TicketCalled = Observe;
        }
    }

    /// <summary>
    /// Runs one call of <paramref name="window"/> and completes when every screen has seen
    /// it; a call that fails raises nothing, so its failure is all there is to wait for.
    /// </summary>
    public async Task CallAsync(int window, Func<Task> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _seenByAll[window] = seen;
        Volatile.Write(ref _remaining[window], screens);
        Volatile.Write(ref _startedAt[window], Stopwatch.GetTimestamp());
        await call();
        await seen.Task.WaitAsync(FanInLimit);
    }

    private void Observe(int connection, ReadOnlySpan<byte> windowId)
    {
        if (windowId.Length < 2 || windowId[0] != (byte)'w' || !Utf8Parser.TryParse(windowId[1..], out int window, out var consumed)
            || consumed != windowId.Length - 1 || (uint)window >= (uint)windows)
        {
            return;
        }

        Deliveries.RecordSince(connection, Volatile.Read(ref _startedAt[window]));
        if (Interlocked.Decrement(ref _remaining[window]) == 0)
        {
            _seenByAll[window].TrySetResult();
        }
    }
}
