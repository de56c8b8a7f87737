using Microsoft.Data.Sqlite;
using static Im.Silo.Storage.StorageNames;

namespace Im.Silo.Storage.Sqlite;

/// <summary>
/// Writes a pass's edits and recalls into search.db's FTS5 table, with the statements
/// prepared once per pass; an index row has its history row's rowid, which is how an edit or
/// a recall finds it. Appended rows go in by SQL alone (<see cref="SqliteSearchAppends"/>).
/// </summary>
internal sealed class SqliteSearchRows : IAsyncDisposable
{
    private const string InsertSql = $"""
        INSERT INTO {MessageSearch.Table} (rowid, {MessageSearch.Text}) VALUES (@rowid, @text)
        """;

    private const string DeleteSql = $"DELETE FROM {MessageSearch.Table} WHERE rowid = @rowid";

    private readonly SqliteCommand _insert;
    private readonly SqliteParameter _rowId;
    private readonly SqliteParameter _text;

    private readonly SqliteCommand _delete;
    private readonly SqliteParameter _deletedRowId;

    public SqliteSearchRows(SqliteConnection connection, SqliteTransaction transaction)
    {
        _insert = Prepare(connection, transaction, InsertSql);
        _rowId = _insert.Parameters.Add("@rowid", SqliteType.Integer);
        _text = _insert.Parameters.Add("@text", SqliteType.Text);

        _delete = Prepare(connection, transaction, DeleteSql);
        _deletedRowId = _delete.Parameters.Add("@rowid", SqliteType.Integer);
    }

    /// <summary>Replaces each changed row by its current text, or by nothing; an edit keeps its clientMsgId.</summary>
    public async Task WriteAsync(IReadOnlyList<SearchRow> changed, CancellationToken cancellationToken)
    {
        foreach (var row in changed)
        {
            _deletedRowId.Value = row.RowId;
            await _delete.ExecuteNonQueryAsync(cancellationToken);
            await InsertAsync(row, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _insert.DisposeAsync();
        await _delete.DisposeAsync();
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private async Task InsertAsync(SearchRow row, CancellationToken cancellationToken)
    {
        if (row.Text is null)
        {
            return;
        }

        _rowId.Value = row.RowId;
        _text.Value = row.Text;
        await _insert.ExecuteNonQueryAsync(cancellationToken);
    }
}
