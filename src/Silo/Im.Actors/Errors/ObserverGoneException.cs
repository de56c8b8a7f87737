namespace Im.Actors;

/// <summary>The observer behind a reference no longer exists (deleted or collected).</summary>
public sealed class ObserverGoneException(ObserverId observerId)
    : Exception($"observer_gone: observer {observerId} no longer exists")
{
    public ObserverId ObserverId { get; } = observerId;
}
