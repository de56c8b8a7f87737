using Im.Actors.Reminders;
using Im.Actors.Tests.Support;

namespace Im.Actors.Tests.Grains;

public interface IReminderGrain : IRemindable
{
    Task RemindAsync(string name, TimeSpan dueTime, TimeSpan? period);

    Task ForgetAsync(string name);

    Task<IReadOnlyList<ReminderEntry>> ListAsync();
}

[GrainType("test.reminder")]
public sealed class ReminderGrain(GrainProbe probe) : Grain, IReminderGrain
{
    public Task RemindAsync(string name, TimeSpan dueTime, TimeSpan? period) => RegisterOrUpdateReminderAsync(name, dueTime, period);

    public Task ForgetAsync(string name) => UnregisterReminderAsync(name);

    public Task<IReadOnlyList<ReminderEntry>> ListAsync() => GetRemindersAsync();

    public Task ReceiveReminderAsync(string reminderName, ReminderTick tick)
    {
        probe.Events.Enqueue($"reminder {GrainKey} {reminderName} due {tick.DueAt:O}");
        probe.Signal($"reminder {GrainKey} {reminderName}", tick.DueAt.ToString("O"));
        return Task.CompletedTask;
    }
}
