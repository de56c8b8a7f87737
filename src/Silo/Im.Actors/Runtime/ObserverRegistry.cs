using System.Collections.Concurrent;

namespace Im.Actors.Runtime;

/// <summary>
/// Local objects that grains may push to, held weakly: an edge connection that goes away
/// without saying so is collected, and pushes to it then fail instead of leaking it.
/// </summary>
internal sealed class ObserverRegistry
{
    private readonly ConcurrentDictionary<ObserverId, WeakReference<object>> _observers = new();

    public int Count => _observers.Count;

    public ObserverId Add(object observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var id = ObserverId.New();
        _observers[id] = new WeakReference<object>(observer);
        return id;
    }

    public void Remove(ObserverId id) => _observers.TryRemove(id, out _);

    public object? Find(ObserverId id)
    {
        if (!_observers.TryGetValue(id, out var reference))
        {
            return null;
        }

        if (reference.TryGetTarget(out var target))
        {
            return target;
        }

        Remove(id);
        return null;
    }

    /// <summary>Drops entries whose observer was collected.</summary>
    public void Sweep()
    {
        foreach (var (id, reference) in _observers)
        {
            if (!reference.TryGetTarget(out _))
            {
                Remove(id);
            }
        }
    }
}
