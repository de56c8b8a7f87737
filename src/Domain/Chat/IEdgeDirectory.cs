using Im.Actors;

namespace Im.Domain.Chat;

/// <summary>
/// The live edge nodes a conversation pushes to. A message costs one push per edge, never
/// one per member: each edge fans out to its own connections.
/// </summary>
/// <remarks>In one process this is a list in memory; a cluster backs it with its membership table.</remarks>
public interface IEdgeDirectory
{
    IReadOnlyCollection<ObserverId> Edges { get; }

    void Add(ObserverId edge);

    void Remove(ObserverId edge);
}
