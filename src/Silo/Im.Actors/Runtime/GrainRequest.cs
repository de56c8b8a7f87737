namespace Im.Actors.Runtime;

/// <summary>
/// One call on its way to an activation: the target, the method, the data, the caller's
/// call chain, and the answer the caller waits on. Only data: a later transport can carry
/// it to another process.
/// </summary>
/// <remarks>
/// The caller awaits <see cref="Answer"/> itself; nothing waits on its behalf. The answer
/// comes from the grain, or from whoever gives up first: <see cref="CallDeadlines"/> when
/// the call is overdue, the caller's token when it is cancelled.
/// </remarks>
internal sealed class GrainRequest : WorkItem
{
    private readonly TaskCompletionSource<object?> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Cancelled when the caller gives up, so a grain method that takes a token can stop early.
    private readonly CancellationTokenSource? _callCancellation;

    private CancellationTokenRegistration _callerGivesUp;

    public GrainRequest(GrainId target, GrainTypeInfo type, GrainMethod method, object?[] arguments, CallChain? chain, long sentAt)
    {
        Target = target;
        Type = type;
        Method = method;
        Arguments = arguments;
        Chain = chain;
        SentAt = sentAt;
        if (method.CancellationTokenIndex >= 0)
        {
            CallerToken = (CancellationToken)arguments[method.CancellationTokenIndex]!;
            _callCancellation = new CancellationTokenSource();
            arguments[method.CancellationTokenIndex] = _callCancellation.Token;
        }
    }

    public GrainId Target { get; }

    public GrainTypeInfo Type { get; }

    public GrainMethod Method { get; }

    public object?[] Arguments { get; }

    public CallChain? Chain { get; }

    /// <summary>When the caller started waiting, on the runtime's <see cref="TimeProvider"/>: its deadline counts from here, queueing included.</summary>
    public long SentAt { get; }

    public CancellationToken CallerToken { get; }

    public Task<object?> Answer => _answer.Task;

    /// <summary>False when the caller already gave up (timeout, cancellation): the call is dropped unrun.</summary>
    public bool IsAbandoned => _answer.Task.IsCompleted;

    /// <summary>Lets the caller's token abandon the call; call once, before the request is dispatched.</summary>
    public void ListenToCaller()
    {
        if (CallerToken.CanBeCanceled)
        {
            _callerGivesUp = CallerToken.UnsafeRegister(
                static state =>
                {
                    var request = (GrainRequest)state!;
                    request.Abandon(new OperationCanceledException(request.CallerToken));
                },
                this);
        }
    }

    public void Complete(object? result)
    {
        if (_answer.TrySetResult(result))
        {
            _callerGivesUp.Unregister();
        }
    }

    public void Fail(Exception error)
    {
        if (_answer.TrySetException(error))
        {
            _callerGivesUp.Unregister();
        }
    }

    /// <summary>The caller stopped waiting: answer it with the reason and signal the grain. Does nothing once answered.</summary>
    public void Abandon(Exception reason)
    {
        var abandoned = reason is OperationCanceledException canceled
            ? _answer.TrySetCanceled(canceled.CancellationToken)
            : _answer.TrySetException(reason);
        if (abandoned)
        {
            _callerGivesUp.Unregister();
            _callCancellation?.Cancel();
        }
    }
}
