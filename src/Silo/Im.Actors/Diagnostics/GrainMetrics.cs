using System.Diagnostics.Metrics;

namespace Im.Actors.Diagnostics;

/// <summary>
/// The runtime's counters, on the <c>Im.Actors</c> meter: activations, calls and their
/// duration, mailbox depth, deactivations by reason, state conflicts, reminders fired.
/// </summary>
internal sealed class GrainMetrics
{
    public const string MeterName = "Im.Actors";

    private readonly Counter<long> _activations;
    private readonly Counter<long> _deactivations;
    private readonly Counter<long> _calls;
    private readonly Histogram<double> _callDuration;
    private readonly Counter<long> _remindersFired;
    private long _queued;

    public GrainMetrics(IMeterFactory? meterFactory, Func<int> liveActivations)
    {
        var meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _activations = meter.CreateCounter<long>("im.actors.activations", "{activation}", "Activations created");
        _deactivations = meter.CreateCounter<long>("im.actors.deactivations", "{activation}", "Activations ended, by reason");
        _calls = meter.CreateCounter<long>("im.actors.calls", "{call}", "Grain calls completed, by grain type and outcome");
        _callDuration = meter.CreateHistogram<double>("im.actors.call.duration", "s", "Time a call ran in its activation");
        _remindersFired = meter.CreateCounter<long>("im.actors.reminders.fired", "{reminder}", "Reminders delivered");
        meter.CreateObservableUpDownCounter("im.actors.activations.live", liveActivations, "{activation}", "Activations alive now");
        meter.CreateObservableUpDownCounter("im.actors.mailbox.depth", () => Volatile.Read(ref _queued), "{call}", "Work items queued in all mailboxes");
    }

    public void Enqueued() => Interlocked.Increment(ref _queued);

    public void Dequeued(int count = 1) => Interlocked.Add(ref _queued, -count);

    public void Activated(string grainType) => _activations.Add(1, new KeyValuePair<string, object?>("grain.type", grainType));

    public void Deactivated(string grainType, DeactivationReason reason) =>
        _deactivations.Add(1, new("grain.type", grainType), new("reason", reason.ToString()));

    public void CallCompleted(string grainType, TimeSpan duration, bool failed)
    {
        var type = new KeyValuePair<string, object?>("grain.type", grainType);
        var outcome = new KeyValuePair<string, object?>("outcome", failed ? "error" : "ok");
        _calls.Add(1, type, outcome);
        _callDuration.Record(duration.TotalSeconds, type);
    }

    public void ReminderFired(string grainType) => _remindersFired.Add(1, new KeyValuePair<string, object?>("grain.type", grainType));
}
