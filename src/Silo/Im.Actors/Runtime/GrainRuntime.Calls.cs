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
    /// Sends a call and waits for its answer within the call timeout. A call that would
    /// wait on its own call chain fails at once with <see cref="DeadlockException"/>.
    /// </summary>
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

        var request = new GrainRequest(target, type, method, arguments, chain);
        if (request.CallerToken.IsCancellationRequested)
        {
            return Task.FromCanceled<object?>(request.CallerToken);
        }

        Dispatch(request);
        return request.Answer.IsCompleted ? request.Answer : WaitForAnswerAsync(request);
    }

    private async Task<object?> WaitForAnswerAsync(GrainRequest request)
    {
        var answer = request.Answer;
        try
        {
            return await answer.WaitAsync(Options.CallTimeout, TimeProvider, request.CallerToken).ConfigureAwait(false);
        }
        catch (TimeoutException) when (!answer.IsCompleted)
        {
            var timeout = new GrainCallTimeoutException(request.Target, request.Method.Name, Options.CallTimeout);
            request.Abandon(timeout);
            throw timeout;
        }
        catch (OperationCanceledException canceled) when (!answer.IsCompleted && request.CallerToken.IsCancellationRequested)
        {
            request.Abandon(canceled);
            throw;
        }
    }
}
