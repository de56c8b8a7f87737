using System.Collections.Concurrent;

namespace Im.Actors.Runtime;

/// <summary>
/// Runs one activation's tasks one at a time, in order, on the thread pool. Every await in
/// grain code comes back here (it is TaskScheduler.Current inside a turn), which is what
/// makes a turn exclusive even when calls interleave.
/// </summary>
internal sealed class ActivationScheduler : TaskScheduler, IThreadPoolWorkItem
{
    // Bounds how long one activation holds a pool thread before yielding it to others.
    private const int MaxTasksPerBatch = 64;

    [ThreadStatic]
    private static ActivationScheduler? t_running;

    private readonly ConcurrentQueue<Task> _queue = new();
    private int _scheduled;

    public override int MaximumConcurrencyLevel => 1;

    protected override void QueueTask(Task task)
    {
        _queue.Enqueue(task);
        ScheduleDrain();
    }

    // Inline only when this thread already runs this scheduler's batch: exclusivity holds.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        !taskWasPreviouslyQueued && t_running == this && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();

    void IThreadPoolWorkItem.Execute()
    {
        t_running = this;
        try
        {
            for (var i = 0; i < MaxTasksPerBatch && _queue.TryDequeue(out var task); i++)
            {
                TryExecuteTask(task);
            }
        }
        finally
        {
            t_running = null;
        }

        // A full fence, not a release write: the emptiness check below must not be read
        // before the flag is cleared, or a producer that saw the flag still set and the
        // drain that saw an empty queue both leave a task queued with no drain coming.
        Interlocked.Exchange(ref _scheduled, 0);
        if (!_queue.IsEmpty)
        {
            ScheduleDrain();
        }
    }

    private void ScheduleDrain()
    {
        if (Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }
}
