using Im.Domain.History;
using Im.Silo.Storage.Sql;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Im.Silo.Storage.Sqlite;

/// <summary>
/// The insert of an append, prepared once per transaction and rebound per message, so a
/// batch of hundreds of messages parses its SQL once rather than once per message. The
/// search index follows in its own file (<see cref="SqliteSearchIndex"/>).
/// </summary>
/// <remarks>
/// The statement is the library's own, bound and stepped through <see cref="raw"/>, on the
/// transaction's connection (SQLite's transactions are the connection's). Microsoft.Data.Sqlite's
/// command boxes each integer, converts each string through its parameter binder and opens a
/// data reader per execution: in a scratch run of this insert that was about 900 bytes
/// allocated and twice the CPU per row, against 14 bytes this way (bench/README.md, "Session 22").
/// </remarks>
internal sealed class SqliteHistoryRows : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _insert;
    private readonly int _bucket;
    private readonly int _conversation;
    private readonly int _seq;
    private readonly int _sender;
    private readonly int _client;
    private readonly int _sentAt;
    private readonly int _body;

    /// <summary>Prepares the insert on <paramref name="connection"/>, which must be inside its write transaction.</summary>
    public SqliteHistoryRows(SqliteConnection connection)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, MessageHistorySql.Insert, out _insert));
        _bucket = ParameterIndex("@bucket");
        _conversation = ParameterIndex("@conversation");
        _seq = ParameterIndex("@seq");
        _sender = ParameterIndex("@sender");
        _client = ParameterIndex("@client");
        _sentAt = ParameterIndex("@sentAt");
        _body = ParameterIndex("@body");
    }

    /// <summary>Inserts the history row; the writer has checked its (conversation, seq) is free (<see cref="SqliteSeqGuard"/>).</summary>
    public void Write(HistoryMessage message)
    {
        try
        {
            Check(raw.sqlite3_bind_int64(_insert, _bucket, HistoryBuckets.Of(message.Seq)));
            Check(raw.sqlite3_bind_text(_insert, _conversation, message.ConversationId));
            Check(raw.sqlite3_bind_int64(_insert, _seq, message.Seq));
            Check(raw.sqlite3_bind_text(_insert, _sender, message.SenderId));
            Check(raw.sqlite3_bind_text(_insert, _client, message.ClientMsgId));
            Check(raw.sqlite3_bind_int64(_insert, _sentAt, StorageTime.ToUnixMicroseconds(message.SentAt)));
            Check(raw.sqlite3_bind_text(_insert, _body, message.Body));
            var stepped = raw.sqlite3_step(_insert);
            if (stepped != raw.SQLITE_DONE)
            {
                Check(stepped);
            }
        }
        finally
        {
            // Ready for the next row whatever happened; the transaction decides what is kept.
            raw.sqlite3_reset(_insert);
        }
    }

    public void Dispose() => _insert.Dispose();

    private int ParameterIndex(string name)
    {
        var index = raw.sqlite3_bind_parameter_index(_insert, name);
        return index > 0 ? index : throw new InvalidOperationException($"The history insert has no parameter {name}.");
    }

    // The same exception, code and message Microsoft.Data.Sqlite raises for a failed call.
    private void Check(int rc) => SqliteException.ThrowExceptionForRC(rc, _db);
}
