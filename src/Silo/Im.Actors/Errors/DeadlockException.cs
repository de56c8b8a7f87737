namespace Im.Actors;

/// <summary>
/// A call would wait on itself: the target is already on the call chain and is not
/// reentrant, so the call could never start. It fails at once instead of hanging.
/// </summary>
public sealed class DeadlockException(IReadOnlyList<GrainId> callChain, GrainId target)
    : Exception($"deadlock: {target} is not reentrant and is already waiting in the call chain {string.Join(" -> ", callChain)} -> {target}")
{
    public IReadOnlyList<GrainId> CallChain { get; } = callChain;

    public GrainId Target { get; } = target;
}
