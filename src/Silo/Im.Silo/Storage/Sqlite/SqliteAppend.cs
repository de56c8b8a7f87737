using Im.Domain.History;

namespace Im.Silo.Storage.Sqlite;

/// <summary>One caller's append waiting in a <see cref="SqliteAppendBatcher"/>: its messages and the task it waits on.</summary>
internal sealed class SqliteAppend(IReadOnlyList<HistoryMessage> messages, CancellationToken cancellationToken)
{
    // Continuations may run on the writer's thread: the callers are conversation grains,
    // whose awaits always queue to their activation's scheduler, so completing one costs the
    // writer a queue operation, and the grain one thread hop instead of two.
    private readonly TaskCompletionSource _completion = new();

    public IReadOnlyList<HistoryMessage> Messages { get; } = messages;

    public Task Completion => _completion.Task;

    /// <summary>Set by the writer when this append failed on its own and wrote nothing; the rest of its batch goes on.</summary>
    public Exception? Refusal { get; set; }

    /// <summary>Cancels an append whose caller gave up before it was written; false once it is being written.</summary>
    public bool TryCancel() => cancellationToken.IsCancellationRequested && _completion.TrySetCanceled(cancellationToken);

    /// <summary>The batch committed: the append is durable, unless it was refused alone.</summary>
    public void Succeed()
    {
        if (Refusal is { } refusal)
        {
            _completion.TrySetException(refusal);
        }
        else
        {
            _completion.TrySetResult();
        }
    }

    /// <summary>
    /// The batch failed as a whole: nothing of it is stored, so an earlier refusal may have
    /// been against a row of the same batch that is gone now; every append gets the batch's error.
    /// </summary>
    public void Fail(Exception error) => _completion.TrySetException(error);
}
