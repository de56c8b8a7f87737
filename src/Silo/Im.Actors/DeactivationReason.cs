namespace Im.Actors;

/// <summary>Why an activation is being deactivated.</summary>
public enum DeactivationReason
{
    /// <summary>No call for longer than the configured idle time.</summary>
    IdleTimeout,

    /// <summary>The grain asked for it with <c>DeactivateOnIdle</c>.</summary>
    Requested,

    /// <summary>A state write lost a race: this activation's view is stale and is thrown away.</summary>
    StateConflict,

    /// <summary>The runtime is shutting down.</summary>
    RuntimeStopping,
}
