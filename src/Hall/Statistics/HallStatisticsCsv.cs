using System.Globalization;
using System.Text;

namespace Im.Hall.Statistics;

/// <summary>
/// Statistics rows as CSV (RFC 4180): a header line, CRLF line ends, and any field holding a
/// comma, a double quote, CR or LF quoted with its quotes doubled. Durations are seconds
/// with up to three decimals, invariant culture; an empty field means "no value".
/// </summary>
public static class HallStatisticsCsv
{
    public static readonly IReadOnlyList<string> Header =
    [
        "scope", "id", "issued", "called", "served", "skipped", "transferred",
        "wait_avg_s", "wait_p90_s", "service_avg_s", "service_p90_s",
        "very_satisfied", "satisfied", "unsatisfied",
    ];

    public static string Write(IEnumerable<HallStatisticsRow> rows)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(writer, rows);
        return writer.ToString();
    }

    public static void Write(TextWriter writer, IEnumerable<HallStatisticsRow> rows)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rows);
        WriteLine(writer, Header);
        foreach (var row in rows)
        {
            WriteLine(writer,
            [
                row.Scope, row.Id, Number(row.Issued), Number(row.Called), Number(row.Served), Number(row.Skipped), Number(row.Transferred),
                Seconds(row.WaitAverage), Seconds(row.WaitP90), Seconds(row.ServiceAverage), Seconds(row.ServiceP90),
                Number(row.VerySatisfied), Number(row.Satisfied), Number(row.Unsatisfied),
            ]);
        }
    }

    /// <summary>A field as RFC 4180 writes it.</summary>
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") < 0
            ? value
            : new StringBuilder(value.Length + 2).Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"').ToString();
    }

    private static void WriteLine(TextWriter writer, IReadOnlyList<string?> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            writer.Write(Field(fields[i]));
        }

        writer.Write("\r\n");
    }

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Seconds(TimeSpan? value) => value?.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) ?? "";
}
