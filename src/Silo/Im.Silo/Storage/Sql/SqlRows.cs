using System.Data.Common;

namespace Im.Silo.Storage.Sql;

/// <summary>The reader loop both adapters run for multi-row selects.</summary>
internal static class SqlRows
{
    public static async Task<List<T>> ReadAllAsync<T>(DbCommand command, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }
}
