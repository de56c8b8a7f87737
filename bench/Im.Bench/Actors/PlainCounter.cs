using System.Text.Json;
using Im.Actors.Storage;

namespace Im.Bench.Actors;

/// <summary>
/// The baseline's counterpart of <see cref="CounterGrain"/>: the same work with no runtime.
/// It loads its row on first use as an activation does, then serializes the same state
/// with the same JSON shape and writes it through the same store with the last etag.
/// </summary>
/// <remarks>Not thread-safe: the caller serializes calls per key, as the grain's mailbox does.</remarks>
public sealed class PlainCounter
{
    // The runtime's grain JSON shape (web defaults), so both sides write the same bytes.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly IGrainStateStore _store;
    private readonly string _key;
    private CounterState? _state;
    private string? _etag;

    public PlainCounter(IGrainStateStore store, string key)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _key = key;
    }

    public async Task<long> IncrementAsync()
    {
        var state = _state ?? await LoadAsync();
        state.Value++;
        var data = JsonSerializer.SerializeToUtf8Bytes(state, Json);
        _etag = await _store.WriteAsync(CounterGrain.TypeName, _key, data, _etag, CancellationToken.None);
        return state.Value;
    }

    private async Task<CounterState> LoadAsync()
    {
        var stored = await _store.ReadAsync(CounterGrain.TypeName, _key, CancellationToken.None);
        _etag = stored.Etag;
        _state = stored.Data is null ? new CounterState() : JsonSerializer.Deserialize<CounterState>(stored.Data, Json) ?? new CounterState();
        return _state;
    }
}
