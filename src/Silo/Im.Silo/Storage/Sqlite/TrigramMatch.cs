namespace Im.Silo.Storage.Sqlite;

/// <summary>
/// The FTS5 query that finds the candidates for a substring search in search.db's
/// trigram-only index: every trigram of the query, each a string of its own, joined by AND.
/// The index keeps no positions, so it cannot tell where a trigram stands; the search then
/// keeps the candidates whose text holds the whole query (<see cref="SqliteMessageSearch"/>).
/// </summary>
internal static class TrigramMatch
{
    // Counted in characters (Unicode scalars), as the tokenizer counts them.
    private const int TrigramLength = 3;

    // More adds little: any few trigrams of a long query already narrow the candidates to
    // near its matches, and the text check decides.
    private const int MaxTrigrams = 24;

    /// <summary>The match expression, or null for a query of fewer than three characters, which no trigram can find.</summary>
    public static string? Of(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var runes = query.EnumerateRunes().ToArray();
        var count = runes.Length - TrigramLength + 1;
        if (count <= 0)
        {
            return null;
        }

        // Spread over the whole query when it has more trigrams than are used. Each is an FTS5
        // string of its own: double quotes inside are doubled.
        var step = (count + MaxTrigrams - 1) / MaxTrigrams;
        var terms = Enumerable.Range(0, count)
            .Where(at => at % step == 0)
            .Select(at => string.Concat(runes[at..(at + TrigramLength)].Select(rune => rune.ToString())))
            .Distinct(StringComparer.Ordinal)
            .Select(trigram => $"\"{trigram.Replace("\"", "\"\"", StringComparison.Ordinal)}\"");
        return string.Join(" AND ", terms);
    }
}
