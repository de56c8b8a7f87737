namespace Im.Actors.Runtime;

/// <summary>
/// The grains a call passed through, newest first. It travels with every request so that a
/// call back into a non-reentrant grain that is waiting on the chain fails at once.
/// </summary>
internal sealed class CallChain(GrainId grain, CallChain? parent)
{
    public GrainId Grain { get; } = grain;

    public CallChain? Parent { get; } = parent;

    public bool Contains(GrainId id)
    {
        for (var link = this; link is not null; link = link.Parent)
        {
            if (link.Grain == id)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The chain oldest first, as a person reads a call path.</summary>
    public IReadOnlyList<GrainId> ToList()
    {
        var path = new List<GrainId>();
        for (var link = this; link is not null; link = link.Parent)
        {
            path.Add(link.Grain);
        }

        path.Reverse();
        return path;
    }
}
