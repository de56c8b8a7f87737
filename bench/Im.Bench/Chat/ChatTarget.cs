using Im.Bench.Hubs;
using Im.Bench.Measurement;
using Im.Bench.Servers;

namespace Im.Bench.Chat;

/// <summary>
/// One run's view of a <see cref="ChatSide"/>: a call per key, timed where it is delivered
/// when the side has a delivery log, the events counted in an <see cref="EventTally"/> if given, and the CPU both processes spend in the window. The
/// side, its server and its connections outlive the run (setting up thousands of members
/// and connections takes far longer than a run), so disposing the target leaves them be.
/// </summary>
public sealed class ChatTarget(Func<int, Task> call, CpuMeter cpu, DeliveryLog? deliveries = null, EventTally? events = null) : IObservedLoadTarget
{
    public Task CallAsync(int key) => call(key);

    public void StartObserving()
    {
        deliveries?.Open();
        events?.Start();
        cpu.Start();
    }

    public LatencyRecorder? StopObserving()
    {
        cpu.Stop();
        events?.Stop();
        return deliveries?.Close();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
