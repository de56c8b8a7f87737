namespace Im.Silo.Storage.Sqlite;

/// <summary>
/// Counts the reads in flight on a file, so that the file can be closed under none: closing
/// holds new reads back and waits for those under way, reopening lets the held ones go.
/// </summary>
/// <remarks>
/// Why: a SQLite file must not be moved while a connection has it open. When that connection
/// closes, SQLite deletes the WAL and shared-memory files by their names, which by then are
/// the new file's (<see cref="SqliteSearchIndex"/> sets an unreadable search.db aside while
/// running). A lock, not lock-free counting: a read costs tens of microseconds, the lock tens
/// of nanoseconds.
/// </remarks>
internal sealed class SqliteReadGate
{
    private readonly Lock _lock = new();
    private int _inside;

    // Set while closed: what held reads wait for, and what the closer waits for.
    private TaskCompletionSource? _reopened;
    private TaskCompletionSource? _emptied;

    /// <summary>Enters, once the gate is open; pair with <see cref="Exit"/>.</summary>
    public async ValueTask EnterAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task reopened;
            lock (_lock)
            {
                if (_reopened is null)
                {
                    _inside++;
                    return;
                }

                reopened = _reopened.Task;
            }

            await reopened.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Exit()
    {
        lock (_lock)
        {
            if (--_inside == 0)
            {
                _emptied?.TrySetResult();
            }
        }
    }

    /// <summary>Holds new reads back; completes once none is under way.</summary>
    public Task CloseAsync()
    {
        lock (_lock)
        {
            _reopened ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_inside == 0)
            {
                return Task.CompletedTask;
            }

            _emptied ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _emptied.Task;
        }
    }

    /// <summary>Lets the held reads go.</summary>
    public void Open()
    {
        TaskCompletionSource? reopened;
        lock (_lock)
        {
            reopened = _reopened;
            _reopened = null;
            _emptied = null;
        }

        reopened?.TrySetResult();
    }
}
