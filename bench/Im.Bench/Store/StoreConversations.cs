using System.Globalization;
using System.Text.Json;
using Im.Bench.Chat;
using Im.Domain.History;

namespace Im.Bench.Store;

/// <summary>
/// The conversations and messages of the <c>store</c> group, the same for every run: direct
/// conversation ids as the chat domain makes them (<c>d:&lt;member&gt;:&lt;member&gt;</c>, random
/// member ids, so neighbouring appenders are far apart in the key) and message bodies as the
/// conversation grain stores them (JSON with a text of about 100 characters, Chinese and English).
/// </summary>
public sealed class StoreConversations
{
    // Bodies are made once: building JSON per append would be bench CPU counted as the store's.
    private const int DistinctBodies = 64;

    private readonly string[] _ids;
    private readonly string[] _bodies;

    public StoreConversations(int count)
    {
        var random = new Random(17);
        _ids = [.. Enumerable.Range(0, count).Select(_ => DirectId(MemberId(random), MemberId(random)))];
        _bodies = [.. Enumerable.Range(0, DistinctBodies).Select(i => JsonSerializer.Serialize(new { text = ReviewWords.Text(i, i + 1), mentions = Array.Empty<string>() }))];
    }

    public int Count => _ids.Length;

    /// <summary>The id of conversation <paramref name="conversation"/>.</summary>
    public string Id(int conversation) => _ids[conversation];

    /// <summary>Message <paramref name="seq"/> of conversation <paramref name="conversation"/>, sent now by its first member.</summary>
    public HistoryMessage Message(int conversation, long seq)
    {
        var id = _ids[conversation];
        return new HistoryMessage(
            id,
            seq,
            id.Substring(2, 32),
            Guid.NewGuid().ToString("N"),
            DateTimeOffset.UtcNow,
            _bodies[(int)((conversation + seq) % DistinctBodies)]);
    }

    private static string MemberId(Random random) =>
        string.Create(32, random, (chars, r) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = "0123456789abcdef"[r.Next(16)];
            }
        });

    private static string DirectId(string a, string b) =>
        string.CompareOrdinal(a, b) <= 0
            ? string.Create(CultureInfo.InvariantCulture, $"d:{a}:{b}")
            : string.Create(CultureInfo.InvariantCulture, $"d:{b}:{a}");
}
