using System.Data.Common;

namespace Im.Silo.Storage.Sql;

/// <summary>
/// Reads an instant column as the dialect stores it: timestamptz in PostgreSQL, UTC
/// microseconds in SQLite (see <see cref="StorageTime"/>).
/// </summary>
internal delegate DateTimeOffset SqlInstant(DbDataReader reader, int ordinal);
