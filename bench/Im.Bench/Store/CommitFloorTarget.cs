using System.Collections.Concurrent;
using Im.Bench.Measurement;
using Microsoft.Data.Sqlite;

namespace Im.Bench.Store;

/// <summary>
/// The baseline: the least a group-committed durable append can cost here. Appends queue, and
/// one drain at a time writes everything queued (up to the store's 512) as minimal rows
/// (two integers, appended to a rowid table) in one <c>BEGIN IMMEDIATE … COMMIT</c> under WAL
/// with <c>synchronous=FULL</c>, completing each append only after the commit: the batching
/// shape and durability of <c>SqliteAppendBatcher</c>, without the history's rows, keys and index.
/// </summary>
public sealed class CommitFloorTarget : IObservedLoadTarget
{
    private const int MaxAppendsPerBatch = 512;

    private readonly ConcurrentQueue<(int Key, TaskCompletionSource Done)> _queue = new();
    private readonly string _directory;
    private readonly SqliteConnection _connection;
    private readonly ProcessCpuMeter _cpu;
    private int _draining;

    private CommitFloorTarget(string directory, SqliteConnection connection, ProcessCpuMeter cpu)
    {
        _directory = directory;
        _connection = connection;
        _cpu = cpu;
    }

    public static async Task<ILoadTarget> CreateAsync(ProcessCpuMeter cpu, CancellationToken cancellationToken)
    {
        var directory = HistoryTemplate.NewDirectory();
        Directory.CreateDirectory(directory);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, "floor.db"), Pooling = false }.ToString());
        var target = new CommitFloorTarget(directory, connection, cpu);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var setup = connection.CreateCommand();
            setup.CommandText = """
                PRAGMA journal_mode = WAL;
                PRAGMA synchronous = FULL;
                CREATE TABLE commit_floor (id INTEGER PRIMARY KEY, conversation INTEGER NOT NULL, seq INTEGER NOT NULL);
                """;
            await setup.ExecuteNonQueryAsync(cancellationToken);
            return target;
        }
        catch
        {
            await target.DisposeAsync();
            throw;
        }
    }

    public Task CallAsync(int key)
    {
        var done = new TaskCompletionSource();
        _queue.Enqueue((key, done));
        if (Interlocked.CompareExchange(ref _draining, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static floor => _ = floor.DrainAsync(), this, preferLocal: false);
        }

        return done.Task;
    }

    public void StartObserving() => _cpu.Start();

    public LatencyRecorder? StopObserving()
    {
        _cpu.Stop();
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task DrainAsync()
    {
        var batch = new List<(int Key, TaskCompletionSource Done)>();
        long seq = 0;
        while (true)
        {
            if (!_queue.IsEmpty)
            {
                batch.Clear();
                while (batch.Count < MaxAppendsPerBatch && _queue.TryDequeue(out var append))
                {
                    batch.Add(append);
                }

                try
                {
                    await using var transaction = _connection.BeginTransaction(deferred: false);
                    await using var insert = _connection.CreateCommand();
                    insert.Transaction = transaction;
                    insert.CommandText = "INSERT INTO commit_floor (conversation, seq) VALUES (@conversation, @seq)";
                    var conversation = insert.Parameters.Add("@conversation", SqliteType.Integer);
                    var seqParameter = insert.Parameters.Add("@seq", SqliteType.Integer);
                    foreach (var (key, _) in batch)
                    {
                        conversation.Value = key;
                        seqParameter.Value = ++seq;
                        await insert.ExecuteNonQueryAsync();
                    }

                    await transaction.CommitAsync();
                }
                catch (Exception error)
                {
                    batch.ForEach(a => a.Done.TrySetException(error));
                    continue;
                }

                batch.ForEach(a => a.Done.TrySetResult());
                continue;
            }

            // The store's batcher's handshake: an append enqueued after the check above
            // either sees the flag cleared and starts a drain, or is seen here.
            Interlocked.Exchange(ref _draining, 0);
            if (_queue.IsEmpty || Interlocked.CompareExchange(ref _draining, 1, 0) != 0)
            {
                return;
            }
        }
    }
}
