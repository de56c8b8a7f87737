namespace Im.Actors.Runtime;

/// <summary>
/// A timer owned by one activation. Ticks are queued as turns; while one tick waits or
/// runs, further ticks are dropped rather than piling up behind a slow callback.
/// </summary>
internal sealed class GrainTimer : IDisposable
{
    private readonly Activation _owner;
    private readonly ITimer? _timer;
    private int _tickPending;
    private volatile bool _disposed;

    public GrainTimer(Activation owner, Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period, TimeProvider timeProvider)
    {
        _owner = owner;
        Callback = callback;
        // The tick must not carry the registering call's context (its call chain) along.
        _timer = WithoutFlow.Run(() => timeProvider.CreateTimer(static state => ((GrainTimer)state!).OnTick(), this, dueTime, period));
    }

    public Func<CancellationToken, Task> Callback { get; }

    public bool IsDisposed => _disposed;

    public void TickDone() => Volatile.Write(ref _tickPending, 0);

    public void Dispose()
    {
        _disposed = true;
        _timer?.Dispose();
    }

    private void OnTick()
    {
        if (_disposed || Interlocked.Exchange(ref _tickPending, 1) == 1)
        {
            return;
        }

        if (!_owner.TryEnqueue(new TimerTick(this)))
        {
            Dispose();
        }
    }
}
