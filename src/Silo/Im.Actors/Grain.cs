using Im.Actors.Reminders;
using Im.Actors.Runtime;

namespace Im.Actors;

/// <summary>
/// Base class of every grain. The runtime creates it (constructor injection from the
/// service provider), calls <see cref="OnActivateAsync"/> before the first call, runs its
/// calls one turn at a time, and calls <see cref="OnDeactivateAsync"/> when it goes idle.
/// </summary>
/// <remarks>
/// Grain code must not use <c>ConfigureAwait(false)</c>: continuations have to come back to
/// the activation's scheduler, which is what keeps turns from running in parallel.
/// </remarks>
public abstract class Grain
{
    private Activation? _activation;

    internal Activation Activation =>
        _activation ?? throw new InvalidOperationException("A grain can only be used by the runtime that activated it.");

    protected GrainId GrainId => Activation.Id;

    protected string GrainKey => Activation.Id.Key;

    protected IGrainFactory GrainFactory => Activation.Runtime;

    protected TimeProvider TimeProvider => Activation.Runtime.TimeProvider;

    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this activation once the current turn ends; queued calls go to a fresh one.</summary>
    protected void DeactivateOnIdle() => Activation.RequestDeactivation(DeactivationReason.Requested);

    /// <summary>
    /// A timer that lives as long as this activation. Each tick runs as a turn of its own
    /// (never in parallel with a call); a tick is skipped while the previous one still waits.
    /// Timers do not keep the activation alive and do not survive deactivation: use a
    /// reminder for that.
    /// </summary>
    protected IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        Activation.RegisterTimer(callback, dueTime, period);

    /// <summary>
    /// Registers a durable reminder, replacing one of the same name. The grain's interface
    /// must extend <see cref="IRemindable"/>. A null period fires once.
    /// </summary>
    protected Task RegisterOrUpdateReminderAsync(string name, TimeSpan dueTime, TimeSpan? period = null) =>
        Activation.Runtime.Reminders.RegisterAsync(Activation.Type, GrainId, name, dueTime, period);

    protected Task UnregisterReminderAsync(string name) =>
        Activation.Runtime.Reminders.UnregisterAsync(GrainId, name);

    protected Task<IReadOnlyList<ReminderEntry>> GetRemindersAsync() =>
        Activation.Runtime.Reminders.ListAsync(GrainId);

    internal void Attach(Activation activation) => _activation = activation;

    /// <summary>Loads persistent state before activation; only stateful grains have any.</summary>
    internal virtual Task LoadStateAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
