using System.Buffers.Text;
using System.Diagnostics;
using Im.Bench.Measurement;

namespace Im.Bench.Hubs;

/// <summary>
/// Latencies of message deliveries across many connections: from the start of the send
/// (a <see cref="Stopwatch"/> timestamp carried in the message's clientMsgId) to the
/// connection's receipt of the event. Counts only while open.
/// </summary>
/// <remarks>
/// Thousands of connections share a few striped recorders (a recorder is 30 KB; one per
/// connection would be 150 MB at 5,000); each stripe has its own lock, so receive loops
/// rarely wait on each other. Closing takes every lock, so nothing is recorded after it.
/// Every event the connections receive (typing and presence too, which carry no send
/// timestamp) is also counted, open or not: <see cref="EventsReceived"/>.
/// </remarks>
public sealed class DeliveryLog
{
    private const int Stripes = 16;

    private readonly Lock[] _locks = [.. Enumerable.Range(0, Stripes).Select(_ => new Lock())];
    private readonly LatencyRecorder[] _recorders = [.. Enumerable.Range(0, Stripes).Select(_ => new LatencyRecorder())];
    private volatile bool _open;
    private long _events;

    /// <summary>Server-to-client events of any kind received so far by the connections logging here; only ever grows.</summary>
    public long EventsReceived => Interlocked.Read(ref _events);

    /// <summary>The clientMsgId of a send started now: unique per sender and counter, ending in the timestamp.</summary>
    public static string NewClientMsgId(int sender, long counter) =>
        FormattableString.Invariant($"{sender}-{counter}-{Stopwatch.GetTimestamp()}");

    public void Open()
    {
        for (var i = 0; i < Stripes; i++)
        {
            lock (_locks[i])
            {
                _recorders[i] = new LatencyRecorder();
            }
        }

        _open = true;
    }

    /// <summary>Stops counting and returns what was counted since <see cref="Open"/>.</summary>
    public LatencyRecorder Close()
    {
        _open = false;
        var merged = new LatencyRecorder();
        for (var i = 0; i < Stripes; i++)
        {
            lock (_locks[i])
            {
                merged.Add(_recorders[i]);
                _recorders[i] = new LatencyRecorder();
            }
        }

        return merged;
    }

    /// <summary>Counts one event of any kind, timed or not.</summary>
    public void CountEvent() => Interlocked.Increment(ref _events);

    /// <summary>Records a delivery seen by connection <paramref name="connection"/>, if the log is open.</summary>
    public void Record(int connection, ReadOnlySpan<byte> clientMsgId)
    {
        var now = Stopwatch.GetTimestamp();
        if (TryReadTimestamp(clientMsgId, out var sent))
        {
            RecordSince(connection, sent, now);
        }
    }

    /// <summary>Records a delivery of an event whose cause started at <paramref name="sent"/> (a <see cref="Stopwatch"/> timestamp), if the log is open.</summary>
    public void RecordSince(int connection, long sent) => RecordSince(connection, sent, Stopwatch.GetTimestamp());

    private void RecordSince(int connection, long sent, long now)
    {
        if (!_open)
        {
            return;
        }

        var stripe = (int)((uint)connection % Stripes);
        lock (_locks[stripe])
        {
            if (_open)
            {
                _recorders[stripe].Record(now - sent);
            }
        }
    }

    private static bool TryReadTimestamp(ReadOnlySpan<byte> clientMsgId, out long timestamp)
    {
        var dash = clientMsgId.LastIndexOf((byte)'-');
        timestamp = 0;
        return dash >= 0 && Utf8Parser.TryParse(clientMsgId[(dash + 1)..], out timestamp, out var consumed) && consumed == clientMsgId.Length - dash - 1;
    }
}
