using Im.Silo.Storage.Sqlite;
using Npgsql;

namespace Im.Silo.Tests.Storage;

/// <summary>How each adapter's test keeps history appends waiting (see <see cref="StorageUnderTest.HoldHistoryWritesAsync"/>).</summary>
internal sealed class WriteHold(Func<ValueTask> release) : IAsyncDisposable
{
    /// <summary>SQLite: holds the database's in-process write gate, which every append batch takes first.</summary>
    public static async Task<IAsyncDisposable> SqliteAsync(SqliteDatabase database, CancellationToken cancellationToken)
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = database.WriteAsync(
            async (_, _) =>
            {
                entered.SetResult();
                await released.Task;
                return true;
            },
            cancellationToken);
        await entered.Task.WaitAsync(cancellationToken);
        return new WriteHold(async () =>
        {
            released.SetResult();
            await holding;
        });
    }

    /// <summary>PostgreSQL: a transaction holding the history table in EXCLUSIVE mode, which blocks inserts and lets reads through.</summary>
    public static async Task<IAsyncDisposable> PostgresAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand("LOCK TABLE message_history IN EXCLUSIVE MODE", connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return new WriteHold(async () =>
        {
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        });
    }

    public ValueTask DisposeAsync() => release();
}
