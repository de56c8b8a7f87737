using Im.Bench.Measurement;
using Im.Silo.Storage.Sqlite;

namespace Im.Bench.Store;

/// <summary>
/// The subject: <see cref="SqliteMessageHistoryStore.AppendAsync"/> of one message, the next
/// seq of the key's conversation, on a copy of the prefilled file. Each key has one worker,
/// so its seqs are gapless as a conversation grain's are.
/// </summary>
public sealed class HistoryAppendTarget : IObservedLoadTarget
{
    private readonly TemplateCopy _copy;
    private readonly SqliteMessageHistoryStore _store;
    private readonly SqliteMessageSearch _search;
    private readonly StoreConversations _conversations;
    private readonly ProcessCpuMeter _cpu;
    private readonly long[] _lastSeq;

    private HistoryAppendTarget(TemplateCopy copy, StoreConversations conversations, int keys, long lastSeq, ProcessCpuMeter cpu)
    {
        _copy = copy;
        _store = new SqliteMessageHistoryStore(copy.Database);
        _search = new SqliteMessageSearch(copy.Database, readAtMost: 0);
        _conversations = conversations;
        _cpu = cpu;
        _lastSeq = [.. Enumerable.Repeat(lastSeq, keys)];
    }

    public static async Task<ILoadTarget> CreateAsync(HistoryTemplate template, StoreConversations conversations, int keys, int perConversation, ProcessCpuMeter cpu, CancellationToken cancellationToken) =>
        new HistoryAppendTarget(await TemplateCopy.OpenAsync(template, cancellationToken), conversations, keys, perConversation, cpu);

    public Task CallAsync(int key) =>
        _store.AppendAsync([_conversations.Message(key, ++_lastSeq[key])], CancellationToken.None);

    public void StartObserving() => _cpu.Start();

    public LatencyRecorder? StopObserving()
    {
        // The search rows are written behind the appends (search.db): the window closes only
        // once the index holds every append of it (a lookup, readAtMost 0, waits for that), so
        // their CPU counts in the append's. Appends can outrun the index by more than a
        // search waits for; the index is still taking them up, so the window waits on.
        while (true)
        {
            try
            {
                _search.SearchAsync([_conversations.Message(0, 1).ConversationId], "bench", 1, CancellationToken.None).GetAwaiter().GetResult();
                break;
            }
            catch (TimeoutException)
            {
            }
        }

        _cpu.Stop();
        return null;
    }

    public ValueTask DisposeAsync()
    {
        _copy.Dispose();
        return ValueTask.CompletedTask;
    }
}
