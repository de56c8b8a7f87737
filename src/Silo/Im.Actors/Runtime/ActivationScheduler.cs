namespace Im.Actors.Runtime;

/// <summary>
/// Runs one activation's tasks one at a time, in order, on the thread pool. Every await in
/// grain code comes back here (it is TaskScheduler.Current inside a turn), which is what
/// makes a turn exclusive even when calls interleave.
/// </summary>
/// <remarks>
/// A plain queue under a lock rather than a ConcurrentQueue: one activation lives per
/// member with a connection, and a ConcurrentQueue's first segment (32 padded slots) costs
/// about 800 bytes each, while an activation's queue rarely holds more than a task or two
/// and is touched by few threads at once.
/// </remarks>
internal sealed class ActivationScheduler : TaskScheduler, IThreadPoolWorkItem
{
    // Bounds how long one activation holds a pool thread before yielding it to others.
    private const int MaxTasksPerBatch = 64;

    [ThreadStatic]
    private static ActivationScheduler? t_running;

    private readonly Queue<Task> _queue = new();

    // Guarded by _queue: true from the moment a drain is queued until a drain finds the queue empty.
    private bool _scheduled;

    public override int MaximumConcurrencyLevel => 1;

    protected override void QueueTask(Task task)
    {
        lock (_queue)
        {
            _queue.Enqueue(task);
            if (_scheduled)
            {
                return;
            }

            _scheduled = true;
        }

        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    // Inline only when this thread already runs this scheduler's batch: exclusivity holds.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        !taskWasPreviouslyQueued && t_running == this && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks()
    {
        lock (_queue)
        {
            return _queue.ToArray();
        }
    }

    void IThreadPoolWorkItem.Execute()
    {
        t_running = this;
        try
        {
            for (var i = 0; i < MaxTasksPerBatch; i++)
            {
                Task? task;
                lock (_queue)
                {
                    // Cleared under the same lock the producers check: a task queued after
                    // this either finds the flag cleared and queues a drain, or was seen here.
                    if (!_queue.TryDequeue(out task))
                    {
                        _scheduled = false;
                        return;
                    }
                }

                TryExecuteTask(task);
            }
        }
        finally
        {
            t_running = null;
        }

        // The batch is used up and the flag is still set: this drain owes the next one.
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }
}
