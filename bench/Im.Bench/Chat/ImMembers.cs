using System.Net.Http.Json;
using System.Text.Json;

namespace Im.Bench.Chat;

/// <summary>
/// Members of an Im server made through its development token endpoint, which creates the
/// member and issues a token (one SQLite write each, so thousands take a while).
/// </summary>
public static class ImMembers
{
    private const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

    /// <summary>
    /// Member i's id: three base-36 characters (46,656 of them). Short on purpose: a
    /// createGroup call naming 10,000 members must fit Im's 64 KB hub message limit.
    /// </summary>
    public static string Id(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Alphabet.Length * Alphabet.Length * Alphabet.Length);
        return string.Create(3, index, (chars, i) =>
        {
            chars[0] = Alphabet[i / (Alphabet.Length * Alphabet.Length)];
            chars[1] = Alphabet[i / Alphabet.Length % Alphabet.Length];
            chars[2] = Alphabet[i % Alphabet.Length];
        });
    }

    /// <summary>Creates members <paramref name="from"/> to <paramref name="to"/> - 1 and returns their tokens, indexed from <paramref name="from"/>.</summary>
    public static async Task<string[]> CreateAsync(Uri baseUrl, int from, int to, int parallelism, CancellationToken cancellationToken)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = parallelism })
        {
            BaseAddress = baseUrl,
            Timeout = TimeSpan.FromSeconds(60),
        };
        var tokens = new string[to - from];
        await Parallel.ForEachAsync(Enumerable.Range(from, to - from), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (i, token) =>
        {
            var id = Id(i);
            using var response = await client.PostAsJsonAsync("/api/dev/token", new { memberId = id, displayName = $"Bench {id}", orgId = "bench", roles = new[] { "member" } }, token);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"creating member {id} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(token)}");
            }

            var issued = await response.Content.ReadFromJsonAsync<JsonElement>(token);
            tokens[i - from] = issued.GetProperty("accessToken").GetString()!;
        });
        return tokens;
    }
}
