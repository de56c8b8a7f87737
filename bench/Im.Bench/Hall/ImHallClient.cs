using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Im.Bench.Hall;

/// <summary>
/// Im's hall REST API as an operator drives it, with a platform admin's token from the
/// development endpoint: set up the hall, register screens, take numbers, call them.
/// </summary>
public sealed class ImHallClient : IDisposable
{
    public const string HallId = "bench";

    private readonly HttpClient _http;

    private ImHallClient(HttpClient http) => _http = http;

    /// <summary>A client for the server at <paramref name="baseUrl"/>, signed in as the bench's admin.</summary>
    public static async Task<ImHallClient> SignInAsync(Uri baseUrl, int connections, CancellationToken cancellationToken)
    {
        var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = connections })
        {
            BaseAddress = baseUrl,
            Timeout = TimeSpan.FromSeconds(60),
        };
        try
        {
            var issued = await ReadAsync(await http.PostAsJsonAsync("/api/dev/token", new { memberId = "hall-admin", displayName = "Bench hall admin", orgId = "bench", roles = new[] { "admin" } }, cancellationToken), cancellationToken);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.GetProperty("accessToken").GetString());
            return new ImHallClient(http);
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    /// <summary>The hall, its queues (each window's own, then the ticket takers'), and one window per calling queue.</summary>
    public async Task SetUpAsync(IReadOnlyList<string> windowQueues, IReadOnlyList<string> takerQueues, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(windowQueues);
        ArgumentNullException.ThrowIfNull(takerQueues);
        await PostAsync($"/api/halls", new { hallId = HallId, name = "Bench hall" }, cancellationToken);
        foreach (var queue in windowQueues.Concat(takerQueues))
        {
            await PostAsync($"/api/halls/{HallId}/queues", new { queueId = queue, name = $"Queue {queue}", prefix = queue.ToUpperInvariant(), dailyQuota = 9_999 }, cancellationToken);
        }

        for (var i = 0; i < windowQueues.Count; i++)
        {
            await PostAsync($"/api/halls/{HallId}/windows", new { windowId = ScreenCalls.WindowId(i), name = $"Window {i + 1}", queueIds = new[] { windowQueues[i] } }, cancellationToken);
        }
    }

    /// <summary>Registers a screen of the hall and returns its access token.</summary>
    public async Task<string> AddScreenAsync(int index, CancellationToken cancellationToken)
    {
        var screen = await PostAsync($"/api/halls/{HallId}/screens", new { name = $"screen {index}" }, cancellationToken);
        return screen.GetProperty("accessToken").GetString()!;
    }

    /// <summary>Takes a number in <paramref name="queueId"/> for an anonymous walk-in, as a kiosk does.</summary>
    public Task TakeNumberAsync(string queueId, CancellationToken cancellationToken) =>
        PostAsync($"/api/halls/{HallId}/tickets", new { queueId }, cancellationToken);

    public Task CallNextAsync(int window, CancellationToken cancellationToken) =>
        PostAsync($"/api/halls/{HallId}/windows/{ScreenCalls.WindowId(window)}/call-next", new { }, cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task<JsonElement> PostAsync(string path, object body, CancellationToken cancellationToken) =>
        await ReadAsync(await _http.PostAsJsonAsync(path, body, cancellationToken), cancellationToken);

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }

            return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        }
    }
}
