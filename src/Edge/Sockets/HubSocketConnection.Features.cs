using System.Collections;
using Microsoft.AspNetCore.Connections.Features;

namespace Im.Edge.Sockets;

// The connection is its own feature collection: SignalR reads a handful of features per
// connection, and a separate collection would be one more object every idle connection keeps.
internal sealed partial class HubSocketConnection
{
    public bool IsReadOnly => false;

    public int Revision { get; private set; }

    public object? this[Type key]
    {
        get => Own(key) ?? (_otherFeatures is { } others && others.TryGetValue(key, out var feature) ? feature : null);
        set
        {
            ArgumentNullException.ThrowIfNull(key);
            if (Own(key) is not null)
            {
                throw new NotSupportedException($"{key.Name} is built into a direct hub connection.");
            }

            (_otherFeatures ??= []).Remove(key);
            if (value is not null)
            {
                _otherFeatures[key] = value;
            }

            Revision++;
        }
    }

    public TFeature? Get<TFeature>() => (TFeature?)this[typeof(TFeature)];

    public void Set<TFeature>(TFeature? instance) => this[typeof(TFeature)] = instance;

    public IEnumerator<KeyValuePair<Type, object>> GetEnumerator()
    {
        foreach (var type in OwnFeatures)
        {
            yield return new KeyValuePair<Type, object>(type, this);
        }

        foreach (var (type, feature) in _otherFeatures ?? [])
        {
            if (feature is not null)
            {
                yield return new KeyValuePair<Type, object>(type, feature);
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static readonly Type[] OwnFeatures =
    [
        typeof(IConnectionIdFeature),
        typeof(IConnectionUserFeature),
        typeof(IConnectionHeartbeatFeature),
        typeof(ITransferFormatFeature),
        typeof(IConnectionItemsFeature),
    ];

    private HubSocketConnection? Own(Type key) => Array.IndexOf(OwnFeatures, key) >= 0 ? this : null;
}
