namespace Im.Actors.Runtime;

/// <summary>
/// One call on its way to an activation: the target, the method, the data, the caller's
/// call chain, and the answer the caller waits on. Only data: a later transport can carry
/// it to another process.
/// </summary>
internal sealed class GrainRequest : WorkItem
{
    private readonly TaskCompletionSource<object?> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Cancelled when the caller gives up, so a grain method that takes a token can stop early.
    private readonly CancellationTokenSource? _callCancellation;

    public GrainRequest(GrainId target, GrainTypeInfo type, GrainMethod method, object?[] arguments, CallChain? chain)
    {
        Target = target;
        Type = type;
        Method = method;
        Arguments = arguments;
        Chain = chain;
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

    public CancellationToken CallerToken { get; }

    public Task<object?> Answer => _answer.Task;

    /// <summary>False when the caller already gave up (timeout, cancellation): the call is dropped unrun.</summary>
    public bool IsAbandoned => _answer.Task.IsCompleted;

    public void Complete(object? result) => _answer.TrySetResult(result);

    public void Fail(Exception error) => _answer.TrySetException(error);

    /// <summary>The caller stopped waiting: answer it with the reason and signal the grain.</summary>
    public void Abandon(Exception reason)
    {
        if (_answer.TrySetException(reason))
        {
            _callCancellation?.Cancel();
        }
    }
}
