using System.Collections.Concurrent;
using Im.Domain.History;
using Microsoft.Data.Sqlite;

namespace Im.Silo.Storage.Sqlite;

/// <summary>
/// Group commit of history appends: appends of any conversations that arrive while the
/// file is busy wait, and the next transaction takes all of them, so one commit (one fsync)
/// makes a whole batch durable instead of one append.
/// </summary>
/// <remarks>
/// <para>Durability: an append's task completes only after the transaction holding it has
/// committed (WAL, <c>synchronous=FULL</c>), so an ack that waits for it still comes after the
/// durable write.</para>
/// <para>Failure: each append stays all or none. An append that hits a stored (conversation,
/// seq) fails alone with <see cref="DuplicateMessageException"/> and leaves no row; the
/// others of its batch commit. Any other error (the commit, the disk, the file) fails every
/// append of the batch with that error, and none of them is stored; callers then retry by
/// clientMsgId as after any failed write.</para>
/// <para>No timer: a batch is whatever queued up while the previous write (of history or
/// anything else) held the file, taken once the write gate is ours, so a lone append is
/// written at once and waits for no one. One drain at a time, on the thread pool, only
/// while appends are queued.</para>
/// </remarks>
internal sealed class SqliteAppendBatcher(SqliteDatabase database, Func<SqliteConnection, IReadOnlyList<SqliteAppend>, CancellationToken, Task> writeBatch)
{
    /// <summary>Bounds one transaction, so other writers queued on the write gate are not held up for long.</summary>
    public const int MaxAppendsPerBatch = 512;

    /// <summary>Also bounds a transaction by messages: appends may carry many (imports, tests); the first append always goes.</summary>
    public const int MaxMessagesPerBatch = 4096;

    private readonly ConcurrentQueue<SqliteAppend> _queue = new();
    private int _draining;

    public Task AppendAsync(IReadOnlyList<HistoryMessage> messages, CancellationToken cancellationToken)
    {
        var append = new SqliteAppend(messages, cancellationToken);
        _queue.Enqueue(append);
        if (Interlocked.CompareExchange(ref _draining, 1, 0) == 0)
        {
            // Not the caller's execution context: the drain outlives the call that started it.
            ThreadPool.UnsafeQueueUserWorkItem(static batcher => _ = batcher.DrainAsync(), this, preferLocal: false);
        }

        return append.Completion;
    }

    private async Task DrainAsync()
    {
        var batch = new List<SqliteAppend>();
        while (true)
        {
            if (!_queue.IsEmpty)
            {
                batch.Clear();
                await WriteAsync(batch).ConfigureAwait(false);
                continue;
            }

            // A full fence before the emptiness check: an append enqueued after the check
            // above either sees the flag cleared and starts a drain, or is seen here.
            Interlocked.Exchange(ref _draining, 0);
            if (_queue.IsEmpty || Interlocked.CompareExchange(ref _draining, 1, 0) != 0)
            {
                return;
            }
        }
    }

    private async Task WriteAsync(List<SqliteAppend> batch)
    {
        try
        {
            await database.WriteAsync(
                async (connection, token) =>
                {
                    // Taken only now that the gate is ours: whatever queued while we waited joins.
                    var messages = 0;
                    while (batch.Count < MaxAppendsPerBatch && messages < MaxMessagesPerBatch && _queue.TryDequeue(out var append))
                    {
                        if (!append.TryCancel())
                        {
                            batch.Add(append);
                            messages += append.Messages.Count;
                        }
                    }

                    if (batch.Count > 0)
                    {
                        await writeBatch(connection, batch, token).ConfigureAwait(false);
                    }

                    return true;
                },
                CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            // Failing before the batch was taken (no connection, a disposed database) fails
            // the appends waiting now instead: the drain must not spin on a broken file.
            if (batch.Count == 0)
            {
                while (batch.Count < MaxAppendsPerBatch && _queue.TryDequeue(out var waiting))
                {
                    batch.Add(waiting);
                }
            }

            foreach (var append in batch)
            {
                append.Fail(error);
            }

            return;
        }

        foreach (var append in batch)
        {
            append.Succeed();
        }
    }
}
