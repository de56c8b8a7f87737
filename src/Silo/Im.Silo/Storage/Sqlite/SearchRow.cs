namespace Im.Silo.Storage.Sqlite;

/// <summary>
/// A changed message as the index sees it; <see cref="Text"/> is null when it has nothing to
/// find (recalled, no text, or its history row is gone).
/// </summary>
internal sealed record SearchRow(long RowId, string? Text);
