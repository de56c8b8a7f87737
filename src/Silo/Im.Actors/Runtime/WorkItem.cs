namespace Im.Actors.Runtime;

/// <summary>Something an activation does in a turn: a call, a timer tick, or deactivation.</summary>
internal abstract class WorkItem;

internal sealed class TimerTick(GrainTimer timer) : WorkItem
{
    public GrainTimer Timer { get; } = timer;
}
