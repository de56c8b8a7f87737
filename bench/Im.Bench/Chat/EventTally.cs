using System.Diagnostics;
using Im.Bench.Hubs;

namespace Im.Bench.Chat;

/// <summary>
/// Events of any kind (typing, presence, messages) that reached the connections of one log
/// over the measured windows, added up: for events that carry no send timestamp to time.
/// </summary>
/// <remarks>Used by one run at a time; each window must be stopped before the next starts.</remarks>
public sealed class EventTally(DeliveryLog log)
{
    private long _atStart;
    private long _startedAt;

    public long Events { get; private set; }

    public TimeSpan Measured { get; private set; }

    public double PerSecond => Measured > TimeSpan.Zero ? Events / Measured.TotalSeconds : double.NaN;

    public void Start()
    {
        _atStart = log.EventsReceived;
        _startedAt = Stopwatch.GetTimestamp();
    }

    public void Stop()
    {
        Measured += Stopwatch.GetElapsedTime(_startedAt);
        Events += log.EventsReceived - _atStart;
    }
}
