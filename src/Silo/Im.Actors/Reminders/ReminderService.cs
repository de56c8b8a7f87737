using Im.Actors.Runtime;
using Microsoft.Extensions.Logging;

namespace Im.Actors.Reminders;

/// <summary>
/// Registers reminders in the durable table and fires the ones that fall due.
/// </summary>
/// <remarks>
/// Claim, then fire: a due reminder is first moved to its next due time with a conditional
/// update, and only the runtime whose update wins calls the grain. A periodic reminder
/// thus fires once per period; a one-shot reminder is moved a claim time ahead and deleted
/// only after the grain took the call, so a failed or lost delivery is retried.
/// </remarks>
internal sealed class ReminderService(GrainRuntime runtime, IReminderStore? store)
{
    public bool IsEnabled => store is not null;

    private IReminderStore Store =>
        store ?? throw new InvalidOperationException("No IReminderStore is registered; reminders need one (Storage:Provider).");

    public async Task RegisterAsync(GrainTypeInfo type, GrainId grain, string name, TimeSpan dueTime, TimeSpan? period)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
        if (period is { } every)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(every, TimeSpan.Zero, nameof(period));
        }

        if (type.ReminderMethod is null)
        {
            throw new InvalidOperationException($"{type.Name} must implement IRemindable to register reminders.");
        }

        var dueAt = runtime.TimeProvider.GetUtcNow() + dueTime;
        await Store.UpsertAsync(new ReminderEntry(grain.Type, grain.Key, name, dueAt, period), CancellationToken.None).ConfigureAwait(false);
    }

    public Task UnregisterAsync(GrainId grain, string name) =>
        Store.DeleteAsync(grain.Type, grain.Key, name, expectedEtag: null, CancellationToken.None);

    public Task<IReadOnlyList<ReminderEntry>> ListAsync(GrainId grain) =>
        Store.ReadForGrainAsync(grain.Type, grain.Key, CancellationToken.None);

    /// <summary>Polls every poll interval until the loop is disposed.</summary>
    public PeriodicLoop Start() => new(
        "Reminder polling",
        runtime.Options.ReminderPollInterval,
        runtime.TimeProvider,
        runtime.Logger,
        PollOnceAsync);

    /// <summary>Fires every reminder due now; returns how many fired.</summary>
    internal async Task<int> PollOnceAsync(CancellationToken cancellationToken)
    {
        var now = runtime.TimeProvider.GetUtcNow();
        var due = await Store.ReadDueAsync(now, runtime.Options.ReminderBatchSize, cancellationToken).ConfigureAwait(false);
        var fired = await Task.WhenAll(due.Select(r => FireAsync(r, now, cancellationToken))).ConfigureAwait(false);
        return fired.Count(f => f);
    }

    private async Task<bool> FireAsync(ReminderEntry reminder, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var type = runtime.Registry.ForName(reminder.GrainType);
        if (type?.ReminderMethod is null)
        {
            // A grain type this runtime does not host (another service's, or removed code).
            return false;
        }

        var next = reminder.Period is { } period ? NextDueAt(reminder.DueAt, period, now) : now + runtime.Options.ReminderClaimTime;
        var claimed = await Store.TryRescheduleAsync(reminder, next, cancellationToken).ConfigureAwait(false);
        if (claimed is null)
        {
            return false;
        }

        try
        {
            var tick = new ReminderTick(reminder.DueAt, reminder.Period);
            await runtime.InvokeAsync(new GrainId(type.Name, reminder.GrainKey), type, type.ReminderMethod, [reminder.Name, tick]).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            runtime.Logger.LogWarning(error, "Reminder {Reminder} of {Grain}/{Key} failed", reminder.Name, reminder.GrainType, reminder.GrainKey);
            return false;
        }

        if (reminder.Period is null)
        {
            // Conditional: a re-registration made by the grain during the call survives.
            await Store.DeleteAsync(reminder.GrainType, reminder.GrainKey, reminder.Name, claimed.Etag, cancellationToken).ConfigureAwait(false);
        }

        runtime.Metrics.ReminderFired(type.Name);
        return true;
    }

    /// <summary>The first period boundary after now: ticks missed during an outage collapse into one.</summary>
    private static DateTimeOffset NextDueAt(DateTimeOffset dueAt, TimeSpan period, DateTimeOffset now)
    {
        var periodsPassed = Math.Max(0, (now - dueAt).Ticks / period.Ticks) + 1;
        return dueAt + TimeSpan.FromTicks(period.Ticks * periodsPassed);
    }
}
