namespace Im.Actors;

/// <summary>
/// Where callers get grain references and observer references. A reference is cheap, holds
/// no activation, and is valid forever: the grain activates on its first call.
/// </summary>
public interface IGrainFactory
{
    /// <summary>A reference to the grain behind <typeparamref name="TGrain"/> with this key.</summary>
    TGrain GetGrain<TGrain>(string key) where TGrain : class, IGrain;

    /// <summary>
    /// Makes a local object reachable by grains. The runtime holds it weakly: keep it alive
    /// for as long as it should receive events, and delete the reference when done.
    /// </summary>
    ObserverId CreateObserverReference<TObserver>(TObserver observer) where TObserver : class, IGrainObserver;

    /// <summary>Stops delivery to an observer; later pushes fail with <see cref="ObserverGoneException"/>.</summary>
    void DeleteObserverReference(ObserverId observerId);

    /// <summary>A reference through which grains push to the observer with this id.</summary>
    TObserver GetObserver<TObserver>(ObserverId observerId) where TObserver : class, IGrainObserver;
}
