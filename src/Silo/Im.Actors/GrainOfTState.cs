using System.Text.Json;
using Im.Actors.Runtime;
using Im.Actors.Storage;

namespace Im.Actors;

/// <summary>
/// A grain with durable state, read before activation and written when the grain says so.
/// </summary>
/// <remarks>
/// Writes are conditional on the etag this activation read. If another activation of the
/// same grain wrote in between (a paused node, a split), the write throws
/// <see cref="InconsistentStateException"/>, nothing is overwritten, and this activation is
/// discarded after the turn so the next call starts from what storage holds.
/// </remarks>
public abstract class Grain<TState> : Grain where TState : class, new()
{
    private string? _etag;

    protected TState State { get; set; } = new();

    /// <summary>True when storage held state for this grain at the last read or write.</summary>
    protected bool RecordExists { get; private set; }

    protected async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var stored = await Store.ReadAsync(GrainId.Type, GrainId.Key, cancellationToken);
        _etag = stored.Etag;
        RecordExists = stored.Data is not null;
        State = stored.Data is null
            ? new TState()
            : JsonSerializer.Deserialize<TState>(stored.Data, GrainJson.Options) ?? new TState();
    }

    /// <summary>Writes <see cref="State"/>; returns once it is durable.</summary>
    protected async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        var data = JsonSerializer.SerializeToUtf8Bytes(State, GrainJson.Options);
        try
        {
            _etag = await Store.WriteAsync(GrainId.Type, GrainId.Key, data, _etag, cancellationToken);
            RecordExists = true;
        }
        catch (InconsistentStateException)
        {
            Activation.RequestDeactivation(DeactivationReason.StateConflict);
            throw;
        }
    }

    protected async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            _etag = await Store.ClearAsync(GrainId.Type, GrainId.Key, _etag, cancellationToken);
            RecordExists = false;
            State = new TState();
        }
        catch (InconsistentStateException)
        {
            Activation.RequestDeactivation(DeactivationReason.StateConflict);
            throw;
        }
    }

    internal override Task LoadStateAsync(CancellationToken cancellationToken) => ReadStateAsync(cancellationToken);

    private IGrainStateStore Store => Activation.Runtime.StateStore;
}
