using System.Collections.ObjectModel;
using Im.Actors;

namespace Im.Domain.Chat;

/// <summary>
/// The edges of a single process, held in memory. Thread-safe: every conversation reads
/// <see cref="Edges"/> once per push, so reads take no lock and get an immutable snapshot;
/// the rare changes copy the list under a lock.
/// </summary>
public sealed class LocalEdgeDirectory : IEdgeDirectory
{
    private readonly Lock _lock = new();
    private ReadOnlyCollection<ObserverId> _edges = ReadOnlyCollection<ObserverId>.Empty;

    public IReadOnlyCollection<ObserverId> Edges => Volatile.Read(ref _edges);

    /// <summary>Adds an edge; adding one that is already listed changes nothing.</summary>
    public void Add(ObserverId edge)
    {
        lock (_lock)
        {
            if (!_edges.Contains(edge))
            {
                Volatile.Write(ref _edges, new ReadOnlyCollection<ObserverId>([.. _edges, edge]));
            }
        }
    }

    /// <summary>Removes an edge; removing one that is not listed changes nothing.</summary>
    public void Remove(ObserverId edge)
    {
        lock (_lock)
        {
            if (_edges.Contains(edge))
            {
                Volatile.Write(ref _edges, new ReadOnlyCollection<ObserverId>([.. _edges.Where(e => e != edge)]));
            }
        }
    }
}
