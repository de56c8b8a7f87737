using Im.Bench.Measurement;
using Im.Silo.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Im.Bench.Store;

/// <summary>
/// The store's half of telling a retry from a new send: a copy of the prefilled file, and for
/// each call the next of a fixed sample of its messages, alternately stored and never sent.
/// The subject finds the message by its clientMsgId (<see cref="SqliteMessageHistoryStore.FindByClientMsgIdAsync"/>,
/// what a conversation asks when its filter says "maybe" or it has none); the baseline reads
/// the same message by its key (<see cref="SqliteMessageHistoryStore.ReadAfterAsync"/> of one seq).
/// </summary>
public sealed class RetryLookupTarget : ILoadTarget
{
    /// <summary>Messages sampled from the file, spread evenly over it.</summary>
    public const int Sample = 4096;

    private const string SampleSql = "SELECT conversation_id, client_msg_id, seq FROM message_history WHERE rowid % @every = 0 LIMIT @sample";

    private readonly TemplateCopy _copy;
    private readonly SqliteMessageHistoryStore _history;
    private readonly (string Conversation, string ClientMsgId, long Seq)[] _messages;
    private readonly bool _byClientMsgId;
    private readonly int[] _next;

    private RetryLookupTarget(TemplateCopy copy, (string, string, long)[] messages, bool byClientMsgId, int keys)
    {
        _copy = copy;
        _history = new SqliteMessageHistoryStore(copy.Database);
        _messages = messages;
        _byClientMsgId = byClientMsgId;
        _next = [.. Enumerable.Range(0, keys).Select(key => key * (messages.Length / keys))];
    }

    public static async Task<ILoadTarget> CreateAsync(HistoryTemplate template, int keys, bool byClientMsgId, CancellationToken cancellationToken)
    {
        var copy = await TemplateCopy.OpenAsync(template, cancellationToken);
        try
        {
            return new RetryLookupTarget(copy, await ReadSampleAsync(copy.Database.FilePath, cancellationToken), byClientMsgId, keys);
        }
        catch
        {
            copy.Dispose();
            throw;
        }
    }

    public Task CallAsync(int key)
    {
        var call = _next[key]++;
        var (conversation, clientMsgId, seq) = _messages[call % _messages.Length];
        var stored = call % 2 == 0;
        if (_byClientMsgId)
        {
            return _history.FindByClientMsgIdAsync(conversation, stored ? clientMsgId : $"never-sent-{call}", CancellationToken.None);
        }

        // Never sent: a seq past the conversation's last, which no key holds.
        var at = stored ? seq : long.MaxValue - 1;
        return _history.ReadAfterAsync(conversation, at - 1, at + 1, 1, CancellationToken.None);
    }

    public ValueTask DisposeAsync()
    {
        _copy.Dispose();
        return ValueTask.CompletedTask;
    }

    private static async Task<(string, string, long)[]> ReadSampleAsync(string historyFile, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = historyFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT max(rowid) FROM message_history";
        var rows = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        await using var command = connection.CreateCommand();
        command.CommandText = SampleSql;
        command.Parameters.AddWithValue("@every", Math.Max(1, rows / Sample));
        command.Parameters.AddWithValue("@sample", Sample);
        var messages = new List<(string, string, long)>(Sample);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            messages.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        }

        return [.. messages];
    }
}
