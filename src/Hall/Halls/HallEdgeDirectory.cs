using Im.Actors;
using Im.Domain.Chat;

namespace Im.Hall.Halls;

/// <summary>
/// The edges that hold hall screens, apart from the chat edges of <see cref="IEdgeDirectory"/>:
/// a chat message is never pushed to an observer that only knows hall events (the push
/// would fail on every message), nor a call to one that only knows chat.
/// </summary>
/// <remarks>In one process this is a list in memory; a cluster backs it with its membership table.</remarks>
public sealed class HallEdgeDirectory : IEdgeDirectory
{
    private readonly LocalEdgeDirectory _edges = new();

    public IReadOnlyCollection<ObserverId> Edges => _edges.Edges;

    public void Add(ObserverId edge) => _edges.Add(edge);

    public void Remove(ObserverId edge) => _edges.Remove(edge);
}
