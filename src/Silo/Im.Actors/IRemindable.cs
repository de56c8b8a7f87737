namespace Im.Actors;

/// <summary>
/// A grain that receives durable reminders. A reminder survives deactivation and runtime
/// restarts; when it falls due the runtime activates the grain and calls it as an ordinary
/// turn. A periodic reminder fires at most once per period even after a long outage
/// (missed ticks collapse into one); a one-shot reminder is retried until a delivery
/// succeeds, so it is delivered at least once.
/// </summary>
public interface IRemindable : IGrain
{
    Task ReceiveReminderAsync(string reminderName, ReminderTick tick);
}
