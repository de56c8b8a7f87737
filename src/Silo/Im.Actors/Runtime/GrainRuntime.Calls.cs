namespace Im.Actors.Runtime;

public sealed partial class GrainRuntime
{
    public TGrain GetGrain<TGrain>(string key) where TGrain : class, IGrain
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var type = _registry.ForInterface(typeof(TGrain));
        return GrainProxy.Create<TGrain>(this, type, new GrainId(type.Name, key));
    }

    public ObserverId CreateObserverReference<TObserver>(TObserver observer) where TObserver : class, IGrainObserver =>
        Observers.Add(observer);

    public void DeleteObserverReference(ObserverId observerId) => Observers.Remove(observerId);

    public TObserver GetObserver<TObserver>(ObserverId observerId) where TObserver : class, IGrainObserver =>
        ObserverProxy.Create<TObserver>(this, observerId);

    /// <summary>
    /// Sends a call; its task is the answer, which <see cref="CallDeadlines"/> fails with
    /// <see cref="GrainCallTimeoutException"/> once the call timeout has passed. A call that
    /// would wait on its own call chain fails at once with <see cref="DeadlockException"/>.
    /// </summary>
    /// <remarks>
    /// No timer per call: a timeout timer (what <c>Task.WaitAsync</c> arms) and the async
    /// method around it cost the no-op actor benchmark about a fifth of its calls per second.
    /// </remarks>
    internal Task<object?> InvokeAsync(GrainId target, GrainTypeInfo type, GrainMethod method, object?[] arguments)
    {
        var chain = RequestContext.Chain;
        if (chain is not null && !type.IsReentrant && chain.Contains(target))
        {
            return Task.FromException<object?>(new DeadlockException(chain.ToList(), target));
        }

        if (Options.SerializeCalls)
        {
            arguments = CallCodec.CopyArguments(method, arguments);
        }

        var request = new GrainRequest(target, type, method, arguments, chain, TimeProvider.GetTimestamp());
        if (request.CallerToken.IsCancellationRequested)
        {
            return Task.FromCanceled<object?>(request.CallerToken);
        }

        request.ListenToCaller();
        Dispatch(request);
        return request.Answer;
    }
}
