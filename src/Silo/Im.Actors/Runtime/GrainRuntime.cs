using System.Collections.Concurrent;
using Im.Actors.Diagnostics;
using Im.Actors.Reminders;
using Im.Actors.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Im.Actors.Runtime;

/// <summary>
/// Hosts grains in this process: one activation per grain id, calls routed to it through
/// its mailbox, idle activations collected, reminders fired.
/// </summary>
/// <remarks>
/// The directory holds at most one activation per id. A closing activation stays in it
/// until it has fully deactivated, and calls that reach it meanwhile wait and are then
/// routed to its successor, so two activations of one grain never overlap here. Across
/// processes the storage etags are the fence (see <see cref="Grain{TState}"/>).
/// </remarks>
public sealed partial class GrainRuntime : IGrainFactory, IAsyncDisposable
{
    private readonly ConcurrentDictionary<GrainId, Activation> _directory = new();
    private readonly GrainRegistry _registry;
    private readonly IGrainStateStore? _stateStore;
    private readonly List<PeriodicLoop> _backgroundLoops = [];

    // Calls waiting for a closing activation to be gone before they go to the next one.
    private readonly ConcurrentDictionary<GrainRequest, byte> _rerouted = new();

    // Stopped after the grains have deactivated, unlike the other loops.
    private PeriodicLoop? _callDeadlines;

    private readonly Lock _stopLock = new();
    private int _state; // 0 created, 1 started, 2 stopped
    private Task? _stopped;

    internal GrainRuntime(
        IServiceProvider services,
        GrainRegistry registry,
        IOptions<GrainRuntimeOptions> options,
        TimeProvider timeProvider,
        ILogger<GrainRuntime> logger)
    {
        Services = services;
        _registry = registry;
        Options = options.Value;
        TimeProvider = timeProvider;
        Logger = logger;
        _stateStore = services.GetService<IGrainStateStore>();
        Metrics = new GrainMetrics(services.GetService<System.Diagnostics.Metrics.IMeterFactory>(), () => _directory.Count);
        Observers = new ObserverRegistry();
        Reminders = new ReminderService(this, services.GetService<IReminderStore>());
    }

    public TimeProvider TimeProvider { get; }

    /// <summary>Live activations in this runtime.</summary>
    public int ActivationCount => _directory.Count;

    internal IServiceProvider Services { get; }

    internal GrainRuntimeOptions Options { get; }

    internal ILogger Logger { get; }

    internal GrainMetrics Metrics { get; }

    internal ObserverRegistry Observers { get; }

    internal ReminderService Reminders { get; }

    internal IGrainStateStore StateStore =>
        _stateStore ?? throw new InvalidOperationException("No IGrainStateStore is registered; stateful grains need one (Storage:Provider).");

    internal GrainRegistry Registry => _registry;

    /// <summary>Starts call timeouts, idle collection and reminder polling.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("A grain runtime starts once.");
        }

        // Timers are created here, synchronously, so a test clock that moves right after
        // start is already seen by them.
        _callDeadlines = new CallDeadlines(this).Start();
        _backgroundLoops.Add(new ActivationCollector(this).Start());
        if (Reminders.IsEnabled)
        {
            _backgroundLoops.Add(Reminders.Start());
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops the background loops and deactivates every activation, letting grains save.
    /// Every caller waits for the same stop: a host can be stopped twice at once (a test
    /// factory and the app's own <c>Run</c> both do), and a second caller that returned early
    /// would let its host dispose the storage under grains that are still saving.
    /// <paramref name="cancellationToken"/> ends this caller's wait, not the stop.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken = default)
    {
        Task stopped;
        lock (_stopLock)
        {
            stopped = _stopped ??= StopOnceAsync();
        }

        return stopped.WaitAsync(cancellationToken);
    }

    private async Task StopOnceAsync()
    {
        Volatile.Write(ref _state, 2);
        foreach (var loop in _backgroundLoops)
        {
            await loop.DisposeAsync().ConfigureAwait(false);
        }

        var closing = _directory.Values.ToList();
        foreach (var activation in closing)
        {
            activation.RequestDeactivation(DeactivationReason.RuntimeStopping);
        }

        await Task.WhenAll(closing.Select(a => a.Deactivated)).ConfigureAwait(false);

        // Last: calls still running while the grains deactivated kept their deadlines.
        if (_callDeadlines is not null)
        {
            await _callDeadlines.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>Routes a request to the grain's activation, creating it on first use.</summary>
    internal void Dispatch(GrainRequest request)
    {
        if (Volatile.Read(ref _state) == 2)
        {
            request.Fail(new RuntimeStoppedException());
            return;
        }

        var activation = _directory.GetOrAdd(
            request.Target,
            static (id, state) => new Activation(state.Runtime, state.Type, id),
            (Runtime: this, request.Type));
        if (!activation.TryEnqueue(request))
        {
            // It is closing: wait until it is gone, then go to its successor.
            _rerouted.TryAdd(request, 0);
            activation.Deactivated.ContinueWith(
                static (gone, state) =>
                {
                    var (runtime, pending) = ((GrainRuntime, GrainRequest))state!;
                    runtime._rerouted.TryRemove(pending, out var _);
                    runtime.Dispatch(pending);
                },
                (this, request),
                CancellationToken.None,
                TaskContinuationOptions.None,
                TaskScheduler.Default);
        }
    }

    /// <summary>Adds the calls waiting to be rerouted that were sent at or before <paramref name="sentBy"/> and are still unanswered.</summary>
    internal void CollectOverdueRerouted(long sentBy, List<GrainRequest> overdue) =>
        overdue.AddRange(_rerouted.Keys.Where(request => request.SentAt <= sentBy && !request.IsAbandoned));

    internal void Remove(Activation activation) =>
        _directory.TryRemove(new KeyValuePair<GrainId, Activation>(activation.Id, activation));

    internal IEnumerable<Activation> Activations => _directory.Values;
}
