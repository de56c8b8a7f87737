namespace Im.Actors;

/// <summary>
/// The grain failed to activate (construction, state read or OnActivateAsync threw). Every
/// call queued on that activation gets this; the next call tries a fresh activation.
/// </summary>
public sealed class GrainActivationException(GrainId grain, Exception innerException)
    : Exception($"activation_failed: {grain} could not be activated: {innerException.Message}", innerException)
{
    public GrainId Grain { get; } = grain;
}
