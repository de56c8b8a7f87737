namespace Im.Actors;

/// <summary>Settings of a grain runtime (configuration section <c>Actors</c>).</summary>
public sealed class GrainRuntimeOptions
{
    /// <summary>An activation with no call for this long is deactivated.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for.</summary>
    public TimeSpan CollectionInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a caller waits for an answer, queueing included.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the reminder table is polled for due reminders.</summary>
    public TimeSpan ReminderPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Most reminders fired in one poll.</summary>
    public int ReminderBatchSize { get; set; } = 256;

    /// <summary>How long a one-shot reminder stays claimed by a runtime before another may retry it.</summary>
    public TimeSpan ReminderClaimTime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Copies every argument and result through JSON, as a call to another process would.
    /// On in tests to prove that nothing but data crosses a call; costs a serialization.
    /// </summary>
    public bool SerializeCalls { get; set; }
}
