using System.Diagnostics.Metrics;

namespace Im.Domain.Push;

/// <summary>Counters of the <c>Im.Push</c> meter: pushes sent, failed, tokens removed, jobs dropped.</summary>
internal sealed class PushMetrics
{
    public const string MeterName = "Im.Push";

    private readonly Counter<long> _sent;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _removed;
    private readonly Counter<long> _dropped;

    public PushMetrics(IMeterFactory? meterFactory)
    {
        var meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _sent = meter.CreateCounter<long>("im.push.sent", "{push}", "Pushes the provider accepted");
        _failed = meter.CreateCounter<long>("im.push.failed", "{push}", "Pushes refused or out of retries");
        _removed = meter.CreateCounter<long>("im.push.tokens.removed", "{token}", "Tokens removed because the provider reported them unregistered");
        _dropped = meter.CreateCounter<long>("im.push.jobs.dropped", "{job}", "Events not pushed because the queue was full");
    }

    public void Count(PushOutcome outcome)
    {
        switch (outcome)
        {
            case PushOutcome.Sent:
                _sent.Add(1);
                break;
            case PushOutcome.Failed:
                _failed.Add(1);
                break;
            case PushOutcome.Unregistered:
                _removed.Add(1);
                break;
            case PushOutcome.Disabled:
            default:
                break;
        }
    }

    public void Dropped() => _dropped.Add(1);
}
