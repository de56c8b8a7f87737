namespace Im.Domain.Push;

/// <summary>How one <see cref="PushDelivery"/> ended.</summary>
public enum PushOutcome
{
    /// <summary>The provider accepted it.</summary>
    Sent,

    /// <summary>The provider says the token is dead; it must be removed from the registry.</summary>
    Unregistered,

    /// <summary>Refused or still failing after the retries; dropped.</summary>
    Failed,

    /// <summary>Push is switched off: nothing was sent.</summary>
    Disabled,
}
