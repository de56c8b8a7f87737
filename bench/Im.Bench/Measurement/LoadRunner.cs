using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Im.Bench.Measurement;

/// <summary>
/// Drives a target with workers that each have one call in flight: closed-loop ones issue the
/// next call as soon as the last one is answered, paced ones when it is due
/// (<see cref="LoadSettings.CallsPerSecond"/>). An <see cref="IObservedLoadTarget"/> also
/// counts the events its calls cause, over the same measured window.
/// </summary>
/// <remarks>
/// Every call starts from its own thread-pool work item (the worker yields first), as hub
/// invocations arrive in a server. Without it a target that completes synchronously would
/// pin a pool thread per worker and starve the timer that ends the run. The yield is
/// outside the timed call, so it weighs on throughput but not on latency. A call counts
/// when it completes inside the measured window, wherever it started: that is the
/// steady-state rate, with no bias from calls straddling the edges.
/// </remarks>
public static class LoadRunner
{
    private const int WarmingUp = 0;
    private const int Measuring = 1;
    private const int Stopped = 2;

    // Longer than the runtime's default call timeout: a call still unanswered by then is
    // lost, and the run fails instead of hanging.
    private static readonly TimeSpan StragglerLimit = TimeSpan.FromSeconds(45);

    public static async Task<ScenarioResult> RunAsync(string name, ILoadTarget target, LoadSettings settings, int seed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(settings);
        var phase = new StrongBox<int>(WarmingUp);
        var observed = target as IObservedLoadTarget;
        var recorders = new LatencyRecorder[settings.Concurrency];
        var workers = new Task[settings.Concurrency];
        for (var i = 0; i < workers.Length; i++)
        {
            var recorder = recorders[i] = new LatencyRecorder();

            // The same seeds on both sides of a comparison give them the same key sequences.
            var random = new Random(HashCode.Combine(seed, i));
            var keys = settings.Choice == KeyChoice.OnePerWorker ? FixedKey(i % settings.Keys) : UniformKeys(random, settings.Keys);
            workers[i] = settings.CallsPerSecond is { } rate
                ? Task.Run(() => PacedWorkAsync(target, keys, recorder, phase, Interval(rate, settings.Concurrency), random))
                : Task.Run(() => WorkAsync(target, keys, recorder, phase));
        }

        try
        {
            await Task.Delay(settings.Warmup, cancellationToken);
            var started = Stopwatch.GetTimestamp();
            Volatile.Write(ref phase.Value, Measuring);
            observed?.StartObserving();
            await Task.Delay(settings.Duration, cancellationToken);
            Volatile.Write(ref phase.Value, Stopped);
            var events = observed?.StopObserving();
            var elapsed = Stopwatch.GetElapsedTime(started);
            await WaitForStragglersAsync(name, workers);

            var merged = new LatencyRecorder();
            foreach (var recorder in recorders)
            {
                merged.Add(recorder);
            }

            return new ScenarioResult(name, merged, elapsed, events);
        }
        finally
        {
            // On failure or cancellation the workers stop on their own; the caller disposes
            // the target, which ends any call still waiting.
            Volatile.Write(ref phase.Value, Stopped);
        }
    }

    private static async Task WaitForStragglersAsync(string name, Task[] workers)
    {
        try
        {
            await Task.WhenAll(workers).WaitAsync(StragglerLimit);
        }
        catch (TimeoutException)
        {
            var stuck = workers.Count(w => !w.IsCompleted);
            throw new InvalidOperationException($"{name}: {stuck} call(s) still unanswered {StragglerLimit.TotalSeconds} s after the run ended");
        }
    }

    private static Func<int> FixedKey(int key) => () => key;

    private static Func<int> UniformKeys(Random random, int keys) => () => random.Next(keys);

    /// <summary>Stopwatch ticks between one paced worker's calls.</summary>
    private static long Interval(double callsPerSecond, int workers) => (long)(Stopwatch.Frequency * workers / callsPerSecond);

    private static async Task WorkAsync(ILoadTarget target, Func<int> nextKey, LatencyRecorder recorder, StrongBox<int> phase)
    {
        while (Volatile.Read(ref phase.Value) != Stopped)
        {
            await Task.Yield();
            await CallAsync(target, nextKey(), Stopwatch.GetTimestamp(), recorder, phase);
        }
    }

    /// <remarks>
    /// The workers start at random points of their first interval, so their calls spread over
    /// it. A call that starts on time is timed from its start; a worker still waiting for its
    /// last call when the next was due calls at once and times that call from when it was due,
    /// so a server that falls behind is charged for the wait (no coordinated omission). The
    /// timer's own lateness in waking the worker is the bench's, not the target's, and is left out.
    /// </remarks>
    private static async Task PacedWorkAsync(ILoadTarget target, Func<int> nextKey, LatencyRecorder recorder, StrongBox<int> phase, long interval, Random random)
    {
        var due = Stopwatch.GetTimestamp() + (long)(random.NextDouble() * interval);
        while (Volatile.Read(ref phase.Value) != Stopped)
        {
            var early = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (early > TimeSpan.Zero)
            {
                await Task.Delay(early);
            }
            else
            {
                await Task.Yield();
            }

            var now = Stopwatch.GetTimestamp();
            await CallAsync(target, nextKey(), early > TimeSpan.Zero ? now : due, recorder, phase);
            due += interval;
        }
    }

    private static async Task CallAsync(ILoadTarget target, int key, long timedFrom, LatencyRecorder recorder, StrongBox<int> phase)
    {
        try
        {
            await target.CallAsync(key);
        }
        catch (Exception error)
        {
            // A failing call is counted, not fatal: the report shows how many and why.
            if (Volatile.Read(ref phase.Value) == Measuring)
            {
                recorder.RecordError(error);
            }

            return;
        }

        var ended = Stopwatch.GetTimestamp();
        if (Volatile.Read(ref phase.Value) == Measuring)
        {
            recorder.Record(ended - timedFrom);
        }
    }
}
