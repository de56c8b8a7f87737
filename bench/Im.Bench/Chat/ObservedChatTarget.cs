using Im.Bench.Hubs;
using Im.Bench.Measurement;

namespace Im.Bench.Chat;

/// <summary>A <see cref="ChatTarget"/> whose sends are also timed where they are delivered.</summary>
public sealed class ObservedChatTarget(Func<int, Task> call, DeliveryLog deliveries) : IObservedLoadTarget
{
    public Task CallAsync(int key) => call(key);

    public void StartObserving() => deliveries.Open();

    public LatencyRecorder StopObserving() => deliveries.Close();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
